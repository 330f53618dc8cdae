// The join page, when it is opened from another address than the one the site was built for: a laptop
// serving the course on the room's wifi (http://192.168.1.20:8000/) while the build's address was
// http://127.0.0.1:8000/ or a public one. The build drew the built address and its QR code; this shows
// the address the page was actually opened from instead, with a QR code of it, so that phones scanning
// the projector reach the server that is really there.
//
// It changes nothing when the page is opened from the built address, nor from this machine's own
// loopback address (127.0.0.1, localhost: no phone can open it), nor in a block whose address the
// author wrote (`url:`), which carries no data-quiz-join-site. The code stays black on white in both
// colour schemes, with the same text alternative as the build's. The QR code library (npm's
// qrcode-generator, pinned in package-lock.json) is loaded only when a code must be drawn.

const here = new URL(import.meta.url);
const version = here.search; // the library is copied beside this script, for the same build
const siteRoot = new URL("../../", here); // assets/quiz/ is two folders below the site's root
const SVG = "http://www.w3.org/2000/svg";
const BORDER = 4; // the quiet zone, in modules, as the build draws it

function isLoopback(host) {
  return host === "localhost" || host.endsWith(".localhost") || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The address phones should open, when it is not the one the block shows; null otherwise. */
export function openedAddress(built, opened = siteRoot) {
  if (!/^https?:$/.test(opened.protocol) || isLoopback(opened.hostname)) return null;
  let shown;
  try {
    shown = new URL(built).href;
  } catch {
    return null;
  }
  return opened.href === shown ? null : opened.href;
}

/** A QR code of `address` as inline SVG, drawn as the build draws it: one path of horizontal runs. */
export function codeSVG(qrcode, address, label) {
  const code = qrcode(0, "M"); // the smallest version for error correction M, as the build's segno
  code.addData(address); // an address from URL is ASCII: one byte a character
  code.make();
  const count = code.getModuleCount();
  const size = count + 2 * BORDER;
  let runs = "";
  for (let row = 0; row < count; row += 1) {
    for (let col = 0; col < count; ) {
      if (!code.isDark(row, col)) {
        col += 1;
        continue;
      }
      let end = col;
      while (end < count && code.isDark(row, end)) end += 1;
      runs += `M${col + BORDER} ${row + BORDER + 0.5}h${end - col}`;
      col = end;
    }
  }
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("class", "quiz-join__code");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  const light = document.createElementNS(SVG, "path");
  light.setAttribute("fill", "#fff");
  light.setAttribute("d", `M0 0h${size}v${size}h-${size}z`);
  const dark = document.createElementNS(SVG, "path");
  dark.setAttribute("class", "qrline");
  dark.setAttribute("stroke", "#000");
  dark.setAttribute("d", runs);
  svg.append(light, dark);
  return svg;
}

async function show(block) {
  block.dataset.quizJoinChecked = "";
  const address = openedAddress(block.dataset.quizJoinSite);
  if (!address) return;
  const label = (block.dataset.quizJoinLabel || "{url}").replace("{url}", address);
  const link = block.querySelector(".quiz-join__address a");
  const drawn = block.querySelector(".quiz-join__code");
  let code = null;
  try {
    const { qrcode } = await import(`./qrcode.mjs${version}`);
    code = codeSVG(qrcode, address, label);
  } catch (error) {
    console.warn("quiz: cannot draw the QR code of this address", error); // the address is still shown
  }
  if (code && drawn) drawn.replaceWith(code);
  else if (drawn) drawn.remove(); // a code of the other address would send phones to the wrong place
  if (link) {
    link.href = address;
    link.textContent = address;
  }
  block.dataset.quizJoinShown = address;
}

function update() {
  for (const block of document.querySelectorAll("[data-quiz-join-site]:not([data-quiz-join-checked])")) show(block);
}

// A module runs once per visit: follow Material's document$ too, which emits on every page, including the
// join page reached again by instant navigation.
update();
function followMaterial() {
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(update);
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", followMaterial, { once: true });
else followMaterial();
