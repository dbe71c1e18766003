// The paired terminal: its key and profile (code, shop, VAT) kept in IndexedDB, pairing from
// a typed key or a #pair= link, and what a refused (revoked) key does: it stops selling but
// keeps every queued sale.

import { call, problemText, Unreachable } from "./api.js";
import { kvDelete, kvGet, kvPut, raiseCounter, receiptSerial, countIn, UNSETTLED } from "./store.js";

const listeners = new Set();

export function onTerminalChange(listener) {
  listeners.add(listener);
}

function changed(pairing) {
  for (const listener of listeners) listener(pairing);
}

export async function currentPairing() {
  return (await kvGet("pairing")) || null;
}

/** The pairing carried by a `#pair=<base64url JSON>` link, or null. */
export function pairingFromHash(hash) {
  const found = /[#&]pair=([A-Za-z0-9_-]+)/.exec(hash || "");
  if (!found) return null;
  try {
    const base64 = found[1].replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    const body = JSON.parse(new TextDecoder().decode(bytes));
    return body && typeof body.key === "string" ? body : null;
  } catch {
    return null;
  }
}

export class PairingRefused extends Error {}

/** Check the key against the service, then keep it with the terminal's profile. */
export async function pair(key, expectedTerminalId = null) {
  const trimmed = (key || "").trim();
  if (!/^otop_tk_\S+$/.test(trimmed)) {
    throw new PairingRefused("คีย์ต้องขึ้นต้นด้วย otop_tk_ / the key starts with otop_tk_");
  }
  let answer;
  try {
    answer = await call(trimmed, "GET", "/v1/terminal");
  } catch (error) {
    if (error instanceof Unreachable) {
      throw new PairingRefused("เชื่อมต่อระบบขายไม่ได้ ต้องออนไลน์เพื่อจับคู่ / the sales service cannot be reached: pairing needs the network");
    }
    throw error;
  }
  if (answer.status === 401) {
    throw new PairingRefused("คีย์ไม่ถูกต้องหรือถูกเพิกถอนแล้ว / the key is wrong or revoked");
  }
  if (answer.status !== 200) {
    throw new PairingRefused(`ระบบขายตอบ ${answer.status}: ${problemText(answer.data)}`);
  }
  const profile = answer.data;
  if (expectedTerminalId && expectedTerminalId !== profile.terminal_id) {
    throw new PairingRefused("คีย์นี้เป็นของเครื่องอื่น / this key belongs to another terminal");
  }
  const previous = await currentPairing();
  if (previous && previous.terminal_id !== profile.terminal_id && (await countIn(UNSETTLED)) > 0) {
    throw new PairingRefused(
      "ยังมีรายการขายที่ระบบยังไม่รับ จับคู่กับเครื่องอื่นไม่ได้ / sales still wait for the service: this device cannot pair with another terminal yet",
    );
  }
  const pairing = { terminal_id: profile.terminal_id, key: trimmed, profile, revoked: false, paired_at: Date.now() };
  await raiseCounter(profile.terminal_id, receiptSerial(profile.last_receipt_no));
  await kvPut("pairing", pairing);
  changed(pairing);
  return pairing;
}

/** Refresh the profile (shop, VAT, last receipt number) when the service answers. */
export async function refreshProfile() {
  const pairing = await currentPairing();
  if (!pairing || pairing.revoked) return pairing;
  let answer;
  try {
    answer = await call(pairing.key, "GET", "/v1/terminal");
  } catch {
    return pairing;
  }
  if (answer.status === 401) return markRevoked();
  if (answer.status !== 200) return pairing;
  await raiseCounter(pairing.terminal_id, receiptSerial(answer.data.last_receipt_no));
  const fresh = { ...pairing, profile: answer.data };
  await kvPut("pairing", fresh);
  changed(fresh);
  return fresh;
}

export async function markRevoked() {
  const pairing = await currentPairing();
  if (!pairing || pairing.revoked) return pairing;
  const revoked = { ...pairing, revoked: true, revoked_seen_at: Date.now() };
  await kvPut("pairing", revoked);
  changed(revoked);
  return revoked;
}

export class UnpairRefused extends Error {}

export async function unpair() {
  const waiting = await countIn(UNSETTLED);
  if (waiting > 0) {
    throw new UnpairRefused(`ยังมีรายการขาย ${waiting} รายการที่ระบบยังไม่รับ ยกเลิกการจับคู่ไม่ได้ / ${waiting} sale(s) not yet accepted: cannot unpair`);
  }
  await kvDelete("pairing");
  await kvDelete("shift");
  changed(null);
}

/** A 401 from any call means the key no longer works. */
export async function authorised(answer) {
  if (answer.status === 401) await markRevoked();
  return answer;
}
