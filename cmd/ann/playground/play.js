// The playground's page: settings in, frames out. Everything is computed by
// the server (ann serve); this script only sends settings and signals and
// shows what comes back. Plain JavaScript, no libraries.
"use strict";

// The settings are ann train's flags, by name, as strings. The page's URL
// query holds them, so a link shares a setup; play=1 starts training on load.
const defaults = {
  "data": "moons", "n": "1000", "noise": "0.1", "data-seed": "0", "factor": "0.8",
  "test-fraction": "0.5", "split-seed": "0", "first": "0", "features": "",
  "layers": "2,5,5,2", "activation": "sigmoid", "init": "code", "seed": "0",
  "alpha": "0.5", "lambda": "0", "batch": "0", "momentum": "0", "shuffle-seed": "0",
  "iters": "5000",
};
const generators = ["moons", "circles", "xor", "spiral"];

const icons = {
  play: '<svg width="22" height="22" viewBox="0 0 22 22"><path d="M6 3 L19 11 L6 19 Z" fill="currentColor"/></svg>',
  pause: '<svg width="22" height="22" viewBox="0 0 22 22"><rect x="5" y="4" width="4.5" height="14" fill="currentColor"/><rect x="12.5" y="4" width="4.5" height="14" fill="currentColor"/></svg>',
};
const $ = (id) => document.getElementById(id);
let settings = {};
let file = null;        // the uploaded File, if data is a file
let outK = 2;           // the output layer's size: the classes of the data
let run = null;         // the answer to /api/run
let events = null;      // the EventSource of the run
let last = null;        // the last frame
let selected = -1;      // the example traced
let startTimer = 0;
let speed = "200";      // iterations per second, "0" for no limit; the URL's speed
let confidence = false; // shade the decision regions by confidence; the URL's confidence=1
let showTest = true;    // draw the rows not trained on; the URL's test=0 hides them
let discretize = false; // the unit maps in two colours; the URL's discretize=1

function fromURL() {
  const q = new URLSearchParams(location.search);
  settings = Object.assign({}, defaults);
  for (const [k, v] of q) {
    if (k === "speed") speed = v;
    else if (k === "confidence") confidence = v === "1";
    else if (k === "test") showTest = v !== "0";
    else if (k === "discretize") discretize = v === "1";
    else if (k !== "play") settings[k] = v;
  }
  if (q.has("first") && !q.has("test-fraction")) settings["test-fraction"] = "0";
  const sizes = settings.layers.split(",");
  outK = parseInt(sizes[sizes.length - 1], 10) || 2;
  return q.get("play") === "1";
}

// flags returns the settings the server gets: those that apply.
function flags() {
  const f = Object.assign({}, settings);
  const isFile = !generators.includes(f.data);
  if (isFile) {
    for (const k of ["n", "noise", "data-seed", "factor"]) delete f[k];
  } else if (f.data !== "circles") {
    delete f.factor;
  }
  if (parseFloat(f["test-fraction"] || "0") === 0) { delete f["test-fraction"]; delete f["split-seed"]; }
  if (parseInt(f.first || "0", 10) === 0) delete f.first;
  if (!f.features) delete f.features;
  if (parseInt(f.batch || "0", 10) === 0) { delete f.batch; delete f["shuffle-seed"]; }
  for (const k of ["lambda", "momentum"]) if (parseFloat(f[k]) === 0) delete f[k];
  return f;
}

function hidden() {
  const s = settings.layers.split(",");
  return s.slice(1, s.length - 1).map((v) => parseInt(v, 10));
}

// inputs returns the checked feature inputs; none given means x1, x2.
function inputs() { return settings.features ? settings.features.split(",") : ["x1", "x2"]; }

function setHidden(h) {
  settings.layers = [inputs().length, ...h, outK].join(",");
}

// showSettings puts the settings into the inputs.
function showSettings() {
  for (const el of document.querySelectorAll("[data-flag]")) {
    const k = el.dataset.flag;
    if (k === "data") {
      el.value = generators.includes(settings.data) ? settings.data : "file";
    } else if (k in settings) {
      el.value = settings[k];
    }
  }
  const isFile = !generators.includes(settings.data);
  $("genOpts").hidden = isFile;
  $("fileOpts").hidden = !isFile;
  $("factorOpt").hidden = settings.data !== "circles";
  if (isFile) {
    $("fileNote").textContent = file ? `${file.name}, ${file.size} bytes` : `upload ${settings.data === "file" ? "a CSV file" : settings.data}`;
  }
  const h = hidden();
  for (const c of $("features").querySelectorAll("input")) c.checked = inputs().includes(c.value);
  const g = settings.activation || "sigmoid";
  $("tagline").textContent = "the tutorial's network: " + (h.length ? `${g} hidden units, sigmoid outputs` : "no hidden layer, sigmoid outputs") +
    ", cross-entropy cost J(Θ) with L2, backpropagation, gradient descent";
  $("nHidden").textContent = h.length;
  $("layersText").textContent = settings.layers;
  const units = $("units");
  units.textContent = "";
  h.forEach((u, i) => {
    const d = document.createElement("span");
    d.className = "unit";
    const less = document.createElement("button"); less.textContent = "−";
    const more = document.createElement("button"); more.textContent = "+";
    const b = document.createElement("b"); b.textContent = `s${sub(i + 2)} = ${u}`;
    less.onclick = () => { if (h[i] > 1) { h[i]--; setHidden(h); changed(); } };
    more.onclick = () => { if (h[i] < +units.dataset.max) { h[i]++; setHidden(h); changed(); } };
    d.append(less, b, more);
    units.append(d);
  });
}

function sub(n) {
  return String(n).replace(/\d/g, (d) => "₀₁₂₃₄₅₆₇₈₉"[d]);
}

function shareURL(play) {
  const q = new URLSearchParams(flags());
  if (speed !== "200") q.set("speed", speed);
  if (confidence) q.set("confidence", "1");
  if (!showTest) q.set("test", "0");
  if (discretize) q.set("discretize", "1");
  if (play) q.set("play", "1");
  return location.origin + location.pathname + "?" + q.toString();
}

// changed starts a new run shortly after the settings change.
function changed() {
  showSettings();
  history.replaceState(null, "", shareURL(false));
  $("share").value = shareURL(true);
  clearTimeout(startTimer);
  startTimer = setTimeout(() => start(false), 250);
}

function showError(msg) {
  $("error").hidden = !msg;
  $("error").textContent = msg || "";
}

// start asks the server for a run of the current settings and listens to it.
async function start(play) {
  if (events) { events.close(); events = null; }
  run = null; last = null; selected = -1; stepInfo = null;
  $("tracePanel").hidden = true;
  const body = new FormData();
  for (const [k, v] of Object.entries(flags())) body.append(k, v);
  const isFile = !generators.includes(settings.data);
  if (isFile) {
    if (!file) { showError(`-data ${settings.data}: upload the file, at the left`); return; }
    body.append("file", file, file.name);
  }
  let resp;
  try {
    resp = await fetch("api/run", { method: "POST", body });
  } catch (e) {
    showError("ann serve does not answer: is it still running?");
    return;
  }
  if (!resp.ok) { showError(await resp.text()); return; }
  showError("");
  run = await resp.json();
  const held = run.testRows ? `, ${run.testRows} held out` : "";
  const unused = run.rows - run.trainRows - run.testRows;
  $("rows").textContent = `${run.rows} rows: m = ${run.trainRows} training${held}${unused ? `, ${unused} unused` : ""}; K = ${run.classes} classes`;
  $("stopAt").textContent = `of ${run.stop}`;
  events = new EventSource("api/events?id=" + run.id);
  events.addEventListener("frame", (e) => show(JSON.parse(e.data)));
  events.onerror = () => {
    if (events && events.readyState === EventSource.CLOSED) showError("the run's stream closed: is ann serve still running? Reload the page.");
  };
  if (confidence) signal("view");
  if (play) signal("play");
}

async function signal(op) {
  if (!run) return;
  const arg = op === "play" ? `&rate=${speed}` : op === "view" ? `&confidence=${confidence}` : "";
  const resp = await fetch(`api/control?id=${run.id}&op=${op}${arg}`, { method: "POST" });
  if (!resp.ok) showError(await resp.text());
}

function fmt(x) { return x === undefined || x === null ? "–" : x.toFixed(6); }

// show draws one frame.
function show(f) {
  last = f;
  $("iter").textContent = f.iter.toLocaleString("en");
  $("stopAt").textContent = `of ${f.stop}` + ({ done: " · done", diverged: " · diverged", paused: " · paused" }[f.state] || "");
  $("cost").textContent = fmt(f.cost);
  $("testCost").textContent = fmt(f.testCost);
  $("acc").textContent = f.accTrain.toFixed(3) + (f.accTest !== undefined ? " / " + f.accTest.toFixed(3) : "");
  $("accLabel").textContent = f.accTest !== undefined ? "accuracy train / held out" : "accuracy";
  $("play").innerHTML = f.state === "playing" ? icons.pause : icons.play;
  $("play").title = f.state === "playing" ? "pause" : f.state === "done" ? "done: reset to start again" : "play";
  $("boundary").innerHTML = f.boundary;
  $("diagram").innerHTML = f.diagram || '<p class="note">No maps: the weights give outputs that are not finite numbers.</p>';
  if (f.costFig) $("costFig").innerHTML = f.costFig;
  else $("costFig").innerHTML = '<p class="note">The cost per iteration appears here once training starts.</p>';
  showCommand(f.command, f.edited);
  if (discretize) discretizeMaps();
  if (f.state === "done" || f.state === "diverged") showError(f.state === "diverged" ? "ann train: " + f.message : "");
  for (const a of document.querySelectorAll("[data-file]")) {
    a.classList.toggle("off", f.iter === 0);
    a.href = `api/download/${a.dataset.file}?id=${run.id}`;
    a.setAttribute("download", a.dataset.file);
  }
  markSelected();
  if (selected >= 0 && f.state !== "playing") traceExample(selected);
  if (f.state !== "playing" && (!stepInfo || stepInfo.iter !== f.iter || stepInfo.example !== stepExample())) loadStep();
}

// --- One iteration, step by step, for one example ---

let stepInfo = null; // the answer of /api/step for the example
let stepAt = 0;      // the step shown
let stepTimer = 0;

function stepExample() { return selected >= 0 ? selected : 0; }

async function loadStep() {
  if (!run) return;
  const resp = await fetch(`api/step?id=${run.id}&example=${stepExample()}`);
  if (!resp.ok) { stepInfo = null; $("stepWhat").textContent = await resp.text(); $("stepFig").textContent = ""; return; }
  stepInfo = await resp.json();
  stepAt = Math.min(stepAt, steps().length - 1);
  drawStep();
}

// steps lists the steps of one iteration, in the tutorial's order.
function steps() {
  const L = stepInfo.sizes.length, s = [{ kind: "theta", text: "the weights Θ^(l): blue > 0, orange < 0, width |Θ|" }];
  for (let l = 2; l <= L; l++) s.push({ kind: "forward", l, text: `forward: z^(${l}) = Θ^(${l - 1}) a^(${l - 1}), a^(${l}) = g(z^(${l}))` });
  s.push({ kind: "cost", text: "cost: J = Σ_k -y_k log h_k - (1-y_k) log(1-h_k) + λ term" });
  s.push({ kind: "backward", l: L, text: `backward: δ^(${L}) = a^(${L}) - y` });
  for (let l = L - 1; l >= 2; l--) s.push({ kind: "backward", l, text: `backward: δ^(${l}) = (Θ^(${l})ᵀ δ^(${l + 1})) .* g'(z^(${l}))` });
  s.push({ kind: "gradient", text: "gradients: D^(l) = δ^(l+1) (a^(l))ᵀ + (λ/m) Θ^(l); edges coloured and sized by D" });
  s.push({ kind: "update", text: `update: Θ^(l) := Θ^(l) - α D^(l), α = ${stepInfo.alpha}` });
  return s;
}

const f4 = (v) => v.toFixed(4), f6 = (v) => v.toFixed(6);

function svgEl(name, attrs, parent) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (parent) parent.append(e);
  return e;
}

function title(el, text) { svgEl("title", {}, el).textContent = text; }

// drawStep draws the network with the numbers of the step reached.
function drawStep() {
  const S = stepInfo, all = steps(), st = all[stepAt], sizes = S.sizes, L = sizes.length;
  $("stepWhat").textContent = `${stepAt + 1}/${all.length}  ${st.text}`;
  $("stepWho").textContent = `example ${S.example}, label ${S.label}, x = (${f4(S.x[0])}, ${f4(S.x[1])}), weights of iteration ${S.iter}`;
  const W = 460, H = 50 + (Math.max(...sizes) <= 8 ? 64 : 20) * Math.max(...sizes), big = Math.max(...sizes) <= 8;
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H });
  const X = (l) => 40 + (l - 1) * (W - 120) / (L - 1), Y = (l, j) => 30 + (j + 0.5) * (H - 40) / sizes[l - 1];
  const shown = (l) => st.kind === "theta" ? l === 1 : st.kind === "forward" ? l <= st.l : true;
  const back = (l) => (st.kind === "backward" && l >= st.l) || st.kind === "gradient" || st.kind === "update";
  // Edges: Θ, or D in the gradient step, or Θ after the update.
  let M = S.theta;
  if (st.kind === "gradient") M = S.D;
  if (st.kind === "update") M = S.thetaAfter;
  let big1 = 0;
  for (let l = 1; l < L; l++) for (const r of M[l]) for (const v of r.slice(1)) big1 = Math.max(big1, Math.abs(v));
  for (let l = 1; l < L; l++) {
    for (let j = 0; j < sizes[l]; j++) {
      for (let i = 1; i <= sizes[l - 1]; i++) {
        const v = M[l][j][i];
        const e = svgEl("line", { x1: X(l), y1: Y(l, i - 1), x2: X(l + 1), y2: Y(l + 1, j),
          style: `stroke:${v >= 0 ? "#0877bd" : "#f59322"};stroke-width:${(0.5 + 4.5 * Math.abs(v) / (big1 || 1)).toFixed(2)};stroke-opacity:0.8` }, svg);
        e.dataset.edge = `${l},${j + 1},${i}`;
        title(e, `Θ^(${l})_${j + 1},${i} = ${f6(S.theta[l][j][i])}\nD^(${l})_${j + 1},${i} = ${f6(S.D[l][j][i])}   numerical ${f6(S.numerical[l][j][i])}\nafter the update ${f6(S.thetaAfter[l][j][i])}`);
      }
    }
  }
  for (let l = 1; l <= L; l++) {
    for (let j = 0; j < sizes[l - 1]; j++) {
      const g = svgEl("g", {}, svg);
      const a = S.a[l][j];
      // a's colour on the maps' scale (tanh's -1..1 and relu's 0..1 clamped onto it).
      const u = S.activation === "tanh" && l < L ? (a + 1) / 2 : a;
      const fill = shown(l) ? bandColors[Math.max(0, Math.min(9, Math.floor(u * 10)))] : "#fff";
      svgEl("circle", { cx: X(l), cy: Y(l, j), r: big ? 13 : 7, style: `fill:${l === 1 ? "#eef" : fill};stroke:#333;stroke-width:${back(l) && l > 1 ? 2.5 : 1}` }, g);
      const lines = [];
      let tip = l === 1 ? `x_${j + 1} = a^(1)_${j + 1} = ${f6(a)}` : `unit ${j + 1} of layer ${l}`;
      if (l > 1) tip += `\nz = ${f6(S.z[l][j])}\na = ${f6(a)}\nδ = ${f6(S.delta[l][j])}\nbias weight Θ^(${l - 1})_${j + 1},0 = ${f6(S.theta[l - 1][j][0])}, D = ${f6(S.D[l - 1][j][0])}`;
      if (shown(l) && l > 1) lines.push(["z", S.z[l][j]], ["a", a]);
      if (l === 1) lines.push(["x", a]);
      if (back(l) && l > 1) lines.push(["δ", S.delta[l][j]]);
      if (l === L && (st.kind === "cost" || back(l))) lines.push(["y", S.y[j]]);
      if (big) lines.forEach(([k, v], n) => {
        const t = svgEl("text", { x: X(l) + (l === L ? 17 : -12), y: Y(l, j) - 15 - 10 * (lines.length - 1 - n), style: "font-size:9px;fill:#222" }, g);
        t.textContent = `${k} ${f4(v)}`;
        t.dataset.value = `${k},${l},${j + 1}`;
      });
      g.dataset.unit = `${l},${j + 1}`;
      title(g, tip);
    }
  }
  for (let l = 1; l <= L; l++) svgEl("text", { x: l === 1 ? 2 : l === L ? W - 2 : X(l), y: H - 4, style: `font-size:10px;text-anchor:${l === 1 ? "start" : l === L ? "end" : "middle"};fill:#555` }, svg).textContent = l === 1 ? "layer 1 (input)" : l === L ? `layer ${L} (output)` : `layer ${l}`;
  if (st.kind !== "theta" && st.kind !== "forward") {
    svgEl("text", { x: W - 4, y: 14, style: "font-size:11px;text-anchor:end;fill:#000" }, svg).textContent = `J = ${f6(S.J)}`;
  }
  $("stepFig").textContent = "";
  $("stepFig").append(svg);
}

// editWeight asks for a new value of the weight clicked in the step's
// diagram (an edge, or a unit for its bias weight) and sets it; the next
// frame shows the network with it.
async function editWeight(ev) {
  if (!run || !stepInfo) return;
  const edge = ev.target.closest("[data-edge]"), unit = ev.target.closest("[data-unit]");
  let l, row, col;
  if (edge) [l, row, col] = edge.dataset.edge.split(",").map(Number);
  else if (unit) {
    const [ul, j] = unit.dataset.unit.split(",").map(Number);
    if (ul === 1) return;
    [l, row, col] = [ul - 1, j, 0];
  } else return;
  const v = prompt(`new value of Θ^(${l})_${row},${col}${col === 0 ? " (bias)" : ""}`, stepInfo.theta[l][row - 1][col]);
  if (v === null) return;
  const resp = await fetch(`api/edit?id=${run.id}&l=${l}&row=${row}&col=${col}&value=${encodeURIComponent(v.trim())}`, { method: "POST" });
  showError(resp.ok ? "" : await resp.text());
  if (resp.ok) loadStep();
}

function stepBy(d) {
  if (!stepInfo) return;
  stepAt = Math.max(0, Math.min(steps().length - 1, stepAt + d));
  drawStep();
}

function stepPlay() {
  if (stepTimer) { clearInterval(stepTimer); stepTimer = 0; $("stepPlay").textContent = "▶"; return; }
  if (stepInfo && stepAt === steps().length - 1) stepAt = -1;
  $("stepPlay").textContent = "❚❚";
  stepTimer = setInterval(() => {
    if (!stepInfo || stepAt >= steps().length - 1) { stepPlay(); return; }
    stepBy(1);
  }, 900);
}

// showCommand shows the reproduce line with each flag and its value in a
// span of its own, so that the line wraps between arguments only.
// A note says so when weights were edited by hand.
function showCommand(cmd, edited) {
  const el = $("command");
  el.textContent = "";
  if (!cmd) { el.textContent = "press ▶ or +1: the command appears after the first iteration"; return; }
  if (edited) el.append(`# ${edited}\n`);
  cmd.split(/ (?=-)/).forEach((part, i) => {
    if (i > 0) el.append(" ");
    const s = document.createElement("span");
    s.textContent = part;
    el.append(s);
  });
}

// bandColors are svgplot's colours of a unit map's ten bands, a in
// [0, 0.1), ..., [0.9, 1]: orange through white to blue (svgplot.bandColor).
const bandColors = Array.from({ length: 10 }, (_, b) => {
  const t = (b + 0.5) / 10, lo = [0xf5, 0x93, 0x22], hi = [0x08, 0x77, 0xbd];
  return "#" + lo.map((l, i) => {
    const c = t < 0.5 ? l + (255 - l) * (t / 0.5) : 255 + (hi[i] - 255) * ((t - 0.5) / 0.5);
    return Math.round(c).toString(16).padStart(2, "0");
  }).join("");
});

// discretizeMaps recolours the unit maps of the diagram in two colours: the
// bands below the middle orange, those above blue.
function discretizeMaps() {
  const to = (b) => (b < 5 ? bandColors[0] : bandColors[9]);
  for (const el of $("diagram").querySelectorAll("[style]")) {
    const st = el.getAttribute("style");
    const re = /(fill|stroke):(#[0-9a-f]{6})/g;
    const next = st.replace(re, (m, prop, col) => {
      const b = bandColors.indexOf(col);
      return b < 0 ? m : `${prop}:${to(b)}`;
    });
    if (next !== st) el.setAttribute("style", next);
  }
}

// plotBox returns the boundary plot's rectangle, in the SVG's coordinates.
function plotBox(svg) {
  const r = svg.querySelector("clipPath rect");
  if (!r) return null;
  return { x: +r.getAttribute("x"), y: +r.getAttribute("y"), w: +r.getAttribute("width"), h: +r.getAttribute("height") };
}

function toPixel(b, x, y) {
  const [xmin, xmax, ymin, ymax] = run.extent;
  return [b.x + (x - xmin) / (xmax - xmin) * b.w, b.y + (ymax - y) / (ymax - ymin) * b.h];
}

function markSelected() {
  const svg = $("boundary").querySelector("svg");
  if (!svg || selected < 0 || !run) return;
  const b = plotBox(svg);
  if (!b) return;
  const p = run.points[selected];
  const [px, py] = toPixel(b, p[0], p[1]);
  const c = document.createElementNS("http://www.w3.org/2000/svg", "circle");
  c.setAttribute("cx", px); c.setAttribute("cy", py); c.setAttribute("r", 7);
  c.setAttribute("style", "fill:none;stroke:#f0a030;stroke-width:3");
  svg.append(c);
}

// --- Drawn data: the run's points, edited by clicks, uploaded as a CSV file ---

let drawn = null; // rows [x1, x2, label] once drawing starts

// useDrawn makes the drawn rows the data set: a CSV file, uploaded as a file
// chosen from disk would be, and offered for download.
function useDrawn() {
  const csv = "x1,x2,label\n" + drawn.map((r) => `${r[0]},${r[1]},${r[2]}`).join("\n") + "\n";
  file = new File([csv], "drawn.csv", { type: "text/csv" });
  settings.data = "drawn.csv";
  outK = Math.max(2, ...drawn.map((r) => r[2] + 1));
  setHidden(hidden());
  const a = $("drawCSV");
  if (a.href) URL.revokeObjectURL(a.href);
  a.href = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  a.hidden = false;
  changed();
}

function clickBoundary(e) {
  const svg = $("boundary").querySelector("svg");
  if (!svg || !run) return;
  const b = plotBox(svg);
  const pt = svg.createSVGPoint();
  pt.x = e.clientX; pt.y = e.clientY;
  const q = pt.matrixTransform(svg.getScreenCTM().inverse());
  if ($("draw").checked) {
    if (!drawn) drawn = run.points.map((p) => [p[0], p[1], p[2]]);
    const [xmin, xmax, ymin, ymax] = run.extent;
    let hit = -1;
    drawn.forEach((p, i) => {
      const [px, py] = toPixel(b, p[0], p[1]);
      if ((px - q.x) ** 2 + (py - q.y) ** 2 < 6 * 6) hit = i;
    });
    if (hit >= 0) drawn.splice(hit, 1);
    else drawn.push([+(xmin + (q.x - b.x) / b.w * (xmax - xmin)).toFixed(4), +(ymax - (q.y - b.y) / b.h * (ymax - ymin)).toFixed(4), +$("drawClass").value]);
    useDrawn();
    return;
  }
  let best = -1, bestD = 14 * 14;
  run.points.forEach((p, i) => {
    const [px, py] = toPixel(b, p[0], p[1]);
    const d = (px - q.x) ** 2 + (py - q.y) ** 2;
    if (d < bestD) { bestD = d; best = i; }
  });
  if (best < 0) return;
  selected = best;
  markSelected();
  traceExample(best);
  loadStep();
}

async function traceExample(i) {
  const resp = await fetch(`api/trace?id=${run.id}&example=${i}`);
  const text = await resp.text();
  if (!resp.ok) { showError(text); return; }
  const p = run.points[i];
  const role = ["training", "held out", "not trained on: past -first"][p[3]];
  $("traceTitle").textContent = `example ${i} (${role}): x = (${p[0].toFixed(3)}, ${p[1].toFixed(3)}), y = ${p[2]}`;
  $("trace").textContent = text;
  $("tracePanel").hidden = false;
}

// countClasses reads a plain CSV file's labels to size the output layer.
async function countClasses(f) {
  if (f.name.endsWith(".gz")) return;
  const text = await f.text();
  let K = 0;
  for (const line of text.split(/\r?\n/)) {
    const fields = line.split(",");
    const v = parseFloat(fields[fields.length - 1]);
    if (Number.isInteger(v) && v >= 0) K = Math.max(K, v + 1);
  }
  if (K >= 2) outK = K;
}

function wire() {
  for (const el of document.querySelectorAll("[data-flag]")) {
    el.addEventListener("change", () => {
      const k = el.dataset.flag;
      if (k === "data") {
        if (el.value === "file") settings.data = file ? file.name : "file";
        else { settings.data = el.value; outK = 2; setHidden(hidden()); drawn = null; $("drawCSV").hidden = true; }
      } else {
        settings[k] = el.value;
      }
      // -first and -test-fraction both choose the training rows: one at a time.
      if (k === "first" && parseInt(el.value || "0", 10) > 0) settings["test-fraction"] = "0";
      if (k === "test-fraction" && parseFloat(el.value || "0") > 0) settings.first = "0";
      changed();
    });
  }
  $("file").addEventListener("change", async () => {
    file = $("file").files[0] || null;
    if (!file) return;
    settings.data = file.name;
    await countClasses(file);
    setHidden(hidden());
    changed();
  });
  for (const c of $("features").querySelectorAll("input")) {
    c.onchange = () => {
      const on = [...$("features").querySelectorAll("input")].filter((x) => x.checked).map((x) => x.value);
      if (on.length === 0) { c.checked = true; return; }
      settings.features = on.join(",") === "x1,x2" ? "" : on.join(",");
      setHidden(hidden());
      changed();
    };
  }
  $("lessLayers").onclick = () => { const h = hidden(); if (h.length > 0) { h.pop(); setHidden(h); changed(); } };
  $("moreLayers").onclick = () => {
    const h = hidden();
    if (h.length < +$("units").dataset.maxHidden) { h.push(h.length ? h[h.length - 1] : 4); setHidden(h); changed(); }
  };
  $("confidence").checked = confidence;
  $("confidence").onchange = () => {
    confidence = $("confidence").checked;
    history.replaceState(null, "", shareURL(false));
    $("share").value = shareURL(true);
    signal("view");
  };
  $("showTest").checked = showTest;
  $("boundary").classList.toggle("noTest", !showTest);
  $("showTest").onchange = () => {
    showTest = $("showTest").checked;
    $("boundary").classList.toggle("noTest", !showTest);
    history.replaceState(null, "", shareURL(false));
    $("share").value = shareURL(true);
  };
  $("draw").onchange = () => { $("boundary").style.cursor = $("draw").checked ? "copy" : ""; };
  $("discretize").checked = discretize;
  $("discretize").onchange = () => {
    discretize = $("discretize").checked;
    history.replaceState(null, "", shareURL(false));
    $("share").value = shareURL(true);
    if (last) $("diagram").innerHTML = last.diagram || "";
    if (discretize) discretizeMaps();
  };
  $("speed").value = speed;
  $("speed").onchange = () => {
    speed = $("speed").value;
    history.replaceState(null, "", shareURL(false));
    $("share").value = shareURL(true);
    if (last && last.state === "playing") signal("play");
  };
  $("play").onclick = () => signal(last && last.state === "playing" ? "pause" : "play");
  $("step").onclick = () => signal("step");
  $("reset").onclick = () => { selected = -1; $("tracePanel").hidden = true; signal("reset"); };
  $("boundary").addEventListener("click", clickBoundary);
  $("stepFig").addEventListener("click", editWeight);
  $("stepPrev").onclick = () => stepBy(-1);
  $("stepNext").onclick = () => stepBy(1);
  $("stepPlay").onclick = stepPlay;
  document.addEventListener("keydown", (e) => {
    if (e.target.tagName === "INPUT" || e.target.tagName === "SELECT") return;
    if (e.key === "ArrowRight") stepBy(1);
    if (e.key === "ArrowLeft") stepBy(-1);
  });
  $("closeTrace").onclick = () => { selected = -1; $("tracePanel").hidden = true; markSelected(); };
  $("copyShare").onclick = () => { $("share").select(); navigator.clipboard && navigator.clipboard.writeText($("share").value); };
}

const play = fromURL();
wire();
$("play").innerHTML = icons.play;
showSettings();
$("share").value = shareURL(true);
start(play);
