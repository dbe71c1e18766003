// Money in satang (integers; never floats) and dates as a Thai cashier reads them (B.E.).

export function toSatang(text) {
  const found = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(String(text ?? ""));
  if (!found) return null;
  return parseInt(found[1], 10) * 100 + parseInt((found[2] || "0").padEnd(2, "0"), 10);
}

/** "1250.50": the decimal string the API takes. */
export function decimal(satang) {
  const sign = satang < 0 ? "-" : "";
  const abs = Math.abs(satang);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** "1,250.50" for people. */
export function baht(satang) {
  const [whole, part] = decimal(satang).split(".");
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${part}`;
}

const MONTHS = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."];

function bangkokParts(when) {
  const format = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Bangkok",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return Object.fromEntries(format.formatToParts(new Date(when)).map((p) => [p.type, p.value]));
}

/** "30 พ.ย. 2569 14:05" in Bangkok time, Buddhist era. */
export function thaiDateTime(when) {
  const p = bangkokParts(when);
  return `${parseInt(p.day, 10)} ${MONTHS[parseInt(p.month, 10) - 1]} ${parseInt(p.year, 10) + 543} ${p.hour}:${p.minute}`;
}

export function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
