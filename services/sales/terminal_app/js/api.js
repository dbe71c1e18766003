// Calls to the sales service (same origin as the app) with the terminal's key. A network
// failure or a timeout is an Unreachable; any answer, even an error, is returned as it is.

export class Unreachable extends Error {}

const TIMEOUT_MS = 15000;

export async function call(key, method, path, body, timeoutMs = TIMEOUT_MS) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const headers = { Accept: "application/json" };
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
      cache: "no-store",
    });
  } catch (error) {
    throw new Unreachable(String(error && error.message ? error.message : error));
  } finally {
    clearTimeout(timer);
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  return { status: response.status, data };
}

export function problemText(data) {
  if (!data) return "";
  return data.detail || data.title || JSON.stringify(data);
}
