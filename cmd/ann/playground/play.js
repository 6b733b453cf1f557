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
  "optimizer": "gd", "beta1": "0.9", "beta2": "0.999", "epsilon": "1e-8",
  "standardize": "false", "early-stopping": "false", "validation-fraction": "0.1", "n-iter-no-change": "10", "tol": "1e-4",
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
  // The optimizer's and early stopping's settings apply only with them, and
  // go to the server (and the command line) only where not the default.
  if (f.optimizer === "adam") delete f.momentum;
  else for (const k of ["beta1", "beta2", "epsilon"]) delete f[k];
  if (f["early-stopping"] !== "true") for (const k of ["early-stopping", "validation-fraction", "n-iter-no-change", "tol"]) delete f[k];
  if (f.standardize !== "true") delete f.standardize;
  for (const k of ["optimizer", "beta1", "beta2", "epsilon", "validation-fraction", "n-iter-no-change", "tol"]) {
    if (k in f && parseFloat(f[k]) === parseFloat(defaults[k]) || f[k] === defaults[k]) delete f[k];
  }
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
    } else if (el.type === "checkbox") {
      el.checked = settings[k] === "true";
    } else if (k in settings) {
      el.value = settings[k];
    }
  }
  $("momentumOpt").hidden = settings.optimizer === "adam";
  $("adamOpts").hidden = settings.optimizer !== "adam";
  $("earlyOpts").hidden = settings["early-stopping"] !== "true";
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
  const opt = settings.optimizer === "adam" ? "Adam" : settings.optimizer === "momentum" || parseFloat(settings.momentum) > 0 ? "gradient descent with momentum" : "gradient descent";
  $("tagline").textContent = "the tutorial's network: " + (h.length ? `${g} hidden units, sigmoid outputs` : "no hidden layer, sigmoid outputs") +
    `, cross-entropy cost J(Θ) with L2, backpropagation, ${opt}` + (settings["early-stopping"] === "true" ? ", early stopping" : "");
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
  run = null; last = null; selected = -1; stepInfo = null; hovered = null; maps.clear();
  $("hovercard").hidden = true;
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
  drawClasses(run.classes);
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
  if (f.diagram) $("diagram").innerHTML = f.diagram;
  else {
    $("diagram").textContent = "";
    const p = document.createElement("p");
    p.className = "note";
    p.textContent = `No maps: ${f.diagramError || "the weights give outputs that are not finite numbers"}.`;
    $("diagram").append(p);
  }
  if (f.costFig) $("costFig").innerHTML = f.costFig;
  else $("costFig").innerHTML = '<p class="note">The cost per iteration appears here once training starts.</p>';
  showCommand(f.command, f.edited);
  if (discretize) discretizeMaps();
  if (f.state === "done" || f.state === "diverged") showError(f.state === "diverged" ? "ann train: " + f.message : "");
  for (const a of document.querySelectorAll("[data-file]")) {
    // The starting weights (model.npz) and those typed by hand (edited.npz)
    // download from iteration 0; the other files need an iteration.
    const file = a.dataset.file;
    if (file === "edited.npz") a.hidden = !f.edited;
    a.classList.toggle("off", f.iter === 0 && file !== "model.npz" && file !== "edited.npz");
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
  const opt = settings.optimizer === "adam" ? "Adam" : settings.optimizer === "momentum" || parseFloat(settings.momentum) > 0 ? "momentum" : "";
  s.push({ kind: "update", text: `update: Θ^(l) := Θ^(l) - α D^(l), α = ${stepInfo.alpha}` +
    (opt ? ` (gradient descent's step, as ann trace shows it; this run's ${opt} moves Θ by its own rule)` : "") });
  return s;
}

const f4 = (v) => v.toFixed(4), f6 = (v) => v.toFixed(6);

function svgEl(name, attrs, parent) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (parent) parent.append(e);
  return e;
}

// inputName returns the name of input unit j (from 1): x1, x2 or a feature.
function inputName(j) {
  const n = inputs()[j - 1] || `x${j}`;
  return { "x1^2": "x1²", "x2^2": "x2²", "x1*x2": "x1·x2", "sin(x1)": "sin x1", "sin(x2)": "sin x2" }[n] || n;
}

// The step diagram's layout: up to 8 units in a layer, each unit is a
// circle with its numbers beside it; wider layers are drawn compact, small
// circles without numbers, which the hover card gives.
function stepLayout(sizes) {
  const L = sizes.length, most = Math.max(...sizes), compact = most > 8 || L > 5;
  const W = 460, sp = compact ? Math.max(9, Math.min(16, 420 / most)) : 58;
  const top = 26, H = top + sp * most + 22;
  const r = compact ? Math.min(6, sp * 0.38) : 12;
  const left = 62, right = compact ? 40 : 96;
  const X = (l) => left + (l - 1) * (W - left - right) / (L - 1);
  const Y = (l, j) => top + sp * (most - sizes[l - 1]) / 2 + (j + 0.5) * sp;
  return { L, most, compact, W, H, r, X, Y };
}

// drawStep draws the network with the numbers of the step reached.
function drawStep() {
  const S = stepInfo, all = steps(), st = all[stepAt], sizes = S.sizes;
  const { L, compact, W, H, r, X, Y } = stepLayout(sizes);
  $("stepWhat").textContent = `${stepAt + 1}/${all.length}  ${st.text}`;
  $("stepWho").textContent = `example ${S.example}, label ${S.label}, x = (${f4(S.x[0])}, ${f4(S.x[1])}), weights of iteration ${S.iter}`;
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: compact ? "compact" : "" });
  const shown = (l) => st.kind === "theta" ? l === 1 : st.kind === "forward" ? l <= st.l : true;
  const back = (l) => (st.kind === "backward" && l >= st.l) || st.kind === "gradient" || st.kind === "update";
  // Edges: Θ, or D in the gradient step, or Θ after the update.
  let M = S.theta;
  if (st.kind === "gradient") M = S.D;
  if (st.kind === "update") M = S.thetaAfter;
  let big1 = 0;
  for (let l = 1; l < L; l++) for (const row of M[l]) for (const v of row.slice(1)) big1 = Math.max(big1, Math.abs(v));
  const widest = compact ? 2.2 : 4.5, hit = svgEl("g", { class: "hits" });
  for (let l = 1; l < L; l++) {
    for (let j = 0; j < sizes[l]; j++) {
      for (let i = 1; i <= sizes[l - 1]; i++) {
        const v = M[l][j][i], at = { x1: X(l), y1: Y(l, i - 1), x2: X(l + 1), y2: Y(l + 1, j) };
        const e = svgEl("line", Object.assign({ class: "edge",
          style: `stroke:${v >= 0 ? "#0877bd" : "#f59322"};stroke-width:${(0.3 + widest * Math.abs(v) / (big1 || 1)).toFixed(2)}` }, at), svg);
        e.dataset.edge = `${l},${j + 1},${i}`;
        // A wider, invisible line over each edge takes the pointer, as
        // tensorflow/playground's link-hover paths do.
        svgEl("line", Object.assign({ class: "hit", "data-edge": `${l},${j + 1},${i}` }, at), hit);
      }
    }
  }
  svg.append(hit);
  const labels = svgEl("g", { class: "nums" });
  for (let l = 1; l <= L; l++) {
    for (let j = 0; j < sizes[l - 1]; j++) {
      const g = svgEl("g", { class: "unit" }, svg);
      const a = S.a[l][j];
      // a's colour on the maps' scale (tanh's -1..1 and relu's 0..1 clamped onto it).
      const u = S.activation === "tanh" && l < L ? (a + 1) / 2 : a;
      const fill = shown(l) ? bandColors[Math.max(0, Math.min(9, Math.floor(u * 10)))] : "#fff";
      svgEl("circle", { cx: X(l), cy: Y(l, j), r, style: `fill:${l === 1 ? "#eef" : fill};stroke:#333;stroke-width:${back(l) && l > 1 ? (compact ? 1.6 : 2.5) : 1}` }, g);
      g.dataset.unit = `${l},${j + 1}`;
      if (compact) {
        // δ as a bar right of the unit, as long as |δ| relative to the
        // layer's largest, blue > 0, orange < 0.
        if (back(l) && l > 1) {
          const d = S.delta[l][j], most = Math.max(...S.delta[l].map(Math.abs)) || 1;
          svgEl("rect", { x: X(l) + r + 1.5, y: Y(l, j) - 1.5, width: (0.5 + 14 * Math.abs(d) / most).toFixed(2), height: 3, class: "delta",
            style: `fill:${d >= 0 ? "#0877bd" : "#f59322"}` }, g);
        }
        continue;
      }
      const lines = [];
      if (l === 1) lines.push([inputName(j + 1), null], ["", a]);
      if (shown(l) && l > 1) lines.push(["z", S.z[l][j]], ["a", a]);
      if (back(l) && l > 1) lines.push(["δ", S.delta[l][j]]);
      if (l === L && (st.kind === "cost" || back(l))) lines.push(["y", S.y[j]]);
      // The numbers right of the unit (left of an input), centred on it.
      const tx = l === 1 ? X(l) - r - 4 : X(l) + r + 4;
      lines.forEach(([k, v], n) => {
        const t = svgEl("text", { x: tx, y: Y(l, j) + 3.5 + 11 * (n - (lines.length - 1) / 2), style: l === 1 ? "text-anchor:end" : "" }, labels);
        if (v === null) { t.textContent = k; return; }
        t.textContent = k ? `${k} ${f4(v)}` : f4(v);
        t.dataset.value = `${k || "x"},${l},${j + 1}`;
      });
    }
  }
  svg.append(labels);
  for (let l = 1; l <= L; l++) {
    const name = l === 1 ? "layer 1 (input)" : l === L ? `layer ${L} (output)` : `layer ${l}`;
    svgEl("text", { x: l === 1 ? 2 : l === L ? W - 2 : X(l), y: H - 6, class: "layer", style: `text-anchor:${l === 1 ? "start" : l === L ? "end" : "middle"}` }, svg).textContent =
      compact ? `${name}, ${sizes[l - 1]}` : name;
  }
  if (st.kind !== "theta" && st.kind !== "forward") {
    svgEl("text", { x: W - 4, y: 14, class: "cost" }, svg).textContent = `J = ${f6(S.J)}`;
  }
  if (compact) {
    svgEl("text", { x: 2, y: 14, class: "layer" }, svg).textContent = "hover a unit or an edge for its numbers";
  }
  $("stepFig").textContent = "";
  $("stepFig").append(svg);
  if (hovered) hover(hovered);
}

// --- The hover card: a unit's map enlarged and its numbers, or an edge's ---

let hovered = null;   // {kind: "unit", l, j} or {kind: "edge", l, j, i}, and the pointer's x, y
const maps = new Map(); // "iter,example,l,j" -> the promise of /api/map's answer

let mapsIter = -1;     // the iteration of the weights the maps were drawn with

function unitMap(l, j) {
  const iter = last ? last.iter : 0;
  if (iter !== mapsIter) { maps.clear(); mapsIter = iter; }
  const key = `${stepInfo.example},${l},${j}`;
  if (!maps.has(key)) {
    maps.set(key, fetch(`api/map?id=${run.id}&example=${stepInfo.example}&l=${l}&j=${j}`).then(async (r) => {
      if (!r.ok) throw new Error(await r.text());
      return r.json();
    }));
  }
  return maps.get(key);
}

// hoverTarget returns what the pointer is on in the step diagram.
function hoverTarget(el) {
  const e = el.closest("[data-edge]"), u = el.closest("[data-unit]");
  if (e) { const [l, j, i] = e.dataset.edge.split(",").map(Number); return { kind: "edge", l, j, i }; }
  if (u) { const [l, j] = u.dataset.unit.split(",").map(Number); return { kind: "unit", l, j }; }
  return null;
}

function row(table, name, value, note) {
  const tr = document.createElement("tr");
  for (const [c, t] of [["k", name], ["v", value], ["n", note || ""]]) {
    const td = document.createElement("td"); td.className = c; td.textContent = t; tr.append(td);
  }
  table.append(tr);
}

// hover shows the card of what h names, near the pointer, and highlights
// its edges in the diagram.
function hover(h) {
  hovered = h;
  const card = $("hovercard"), S = stepInfo;
  const svg = $("stepFig").querySelector("svg");
  if (!h || !S || !svg) {
    card.hidden = true;
    if (svg) {
      svg.classList.remove("focus");
      for (const g of svg.querySelectorAll("g.unit.hot")) g.classList.remove("hot");
    }
    return;
  }
  // The edges of the unit, or the edge, stand out; the others fade.
  svg.classList.add("focus");
  for (const e of svg.querySelectorAll("line.edge")) {
    const [l, j, i] = e.dataset.edge.split(",").map(Number);
    const on = h.kind === "edge" ? l === h.l && j === h.j && i === h.i : (l === h.l && i === h.j) || (l === h.l - 1 && j === h.j);
    e.classList.toggle("hot", on);
  }
  for (const g of svg.querySelectorAll("g.unit")) g.classList.toggle("hot", h.kind === "unit" && g.dataset.unit === `${h.l},${h.j}`);
  const head = $("hoverHead"), t = $("hoverNums");
  $("hoverWho").textContent = `example ${S.example} (label ${S.label}), weights of iteration ${S.iter}`;
  t.textContent = "";
  const L = S.sizes.length;
  if (h.kind === "edge") {
    const { l, j, i } = h, from = i === 0 ? "the bias unit" : l === 1 ? `input ${inputName(i)}` : `unit ${i}`;
    head.textContent = `weight Θ^(${l})_${j},${i}: from ${from} of layer ${l} to unit ${j} of layer ${l + 1}`;
    $("hoverMapBox").hidden = true;
    const d = S.delta[l + 1][j - 1], a = i === 0 ? 1 : S.a[l][i - 1];
    row(t, "Θ", f6(S.theta[l][j - 1][i]));
    row(t, "D", f6(S.D[l][j - 1][i]), `= δ^(${l + 1})_${j} a^(${l})_${i}${S.lambda && i > 0 ? " + λΘ" : ""} = ${f4(d)} × ${f4(a)}${S.lambda && i > 0 ? ` + ${S.lambda} × ${f4(S.theta[l][j - 1][i])}` : ""}`);
    const diff = Math.abs(S.D[l][j - 1][i] - S.numerical[l][j - 1][i]);
    row(t, "numerical", f6(S.numerical[l][j - 1][i]), `∂J/∂Θ by central differences; |D - numerical| ${diff < 1e-9 ? "< 1e-9" : diff.toExponential(1)}`);
    row(t, "Θ - αD", f6(S.thetaAfter[l][j - 1][i]), `after the update, α = ${S.alpha}`);
    $("hoverNote").textContent = "click to type a new weight";
  } else {
    const { l, j } = h;
    head.textContent = l === 1 ? `input unit ${j} of layer 1: ${inputName(j)}` : l === L ? `output unit ${j} of layer ${L}: h_${j}, class ${j - 1}` : `unit ${j} of layer ${l} (hidden, g = ${S.activation})`;
    if (l === 1) row(t, `a^(1)_${j}`, f6(S.a[1][j - 1]), `x_${j}, ${inputName(j)} of the example`);
    else {
      row(t, `z^(${l})_${j}`, f6(S.z[l][j - 1]), `= Θ^(${l - 1})_${j},: a^(${l - 1})`);
      row(t, `a^(${l})_${j}`, f6(S.a[l][j - 1]), l === L ? "= sigmoid(z), h" : `= g(z)`);
      if (l === L) row(t, `y_${j}`, f4(S.y[j - 1]), `the example's label is ${S.label}`);
      row(t, `δ^(${l})_${j}`, f6(S.delta[l][j - 1]), l === L ? "= a - y" : `= (Θ^(${l})ᵀ δ^(${l + 1}))_${j} g'(z)`);
      row(t, `Θ^(${l - 1})_${j},0`, f6(S.theta[l - 1][j - 1][0]), `bias weight, D = ${f6(S.D[l - 1][j - 1][0])}`);
    }
    $("hoverNote").textContent = l === 1 ? "" : "click to type a new bias weight";
    $("hoverMapBox").hidden = false;
    $("hoverCaption").textContent = "the map: loading…";
    const want = h;
    unitMap(l, j).then((m) => { if (hovered === want) drawMap(m, l); }).catch((e) => { if (hovered === want) $("hoverCaption").textContent = e.message; });
  }
  card.hidden = false;
  placeCard(h.x, h.y);
}

// diagramUnit returns the unit whose map, in the diagram of unit maps, is
// under the pointer: the maps' frames (svgplot.Neurons draws one per unit,
// layer by layer, unit by unit) in the order of the layers' sizes.
function diagramUnit(e) {
  const svg = $("diagram").querySelector("svg");
  if (!svg || !stepInfo) return null;
  const pt = svg.createSVGPoint();
  pt.x = e.clientX; pt.y = e.clientY;
  const q = pt.matrixTransform(svg.getScreenCTM().inverse());
  const frames = svg.querySelectorAll('rect[style="fill:none;stroke:#666;stroke-width:0.8"]'), sizes = stepInfo.sizes;
  let k = 0;
  for (let l = 1; l <= sizes.length; l++) {
    for (let j = 1; j <= sizes[l - 1]; j++, k++) {
      const r = frames[k];
      if (!r) return null;
      const x = +r.getAttribute("x"), y = +r.getAttribute("y"), w = +r.getAttribute("width"), h = +r.getAttribute("height");
      if (q.x >= x && q.x <= x + w && q.y >= y && q.y <= y + h) return { kind: "unit", l, j };
    }
  }
  return null;
}

// pointAt shows the card of h, the unit or edge under the pointer (none:
// hides it), or moves the card along if it shows h already.
function pointAt(e, h) {
  if (!h) { if (hovered) hover(null); return; }
  h.x = e.clientX; h.y = e.clientY;
  if (hovered && hovered.kind === h.kind && hovered.l === h.l && hovered.j === h.j && hovered.i === h.i) {
    hovered.x = h.x; hovered.y = h.y;
    placeCard(h.x, h.y);
    return;
  }
  hover(h);
}

// placeCard puts the card right of the network's column, at the pointer's
// height, so that it covers neither the unit nor its numbers (the output
// column's plot is what it covers, as tensorflow/playground shows a hovered
// unit on its output plot); where there is no room (a narrow window, the
// columns stacked), under the pointer. Always inside the window.
function placeCard(x, y) {
  const card = $("hovercard"), w = card.offsetWidth, ht = card.offsetHeight;
  const right = $("net").getBoundingClientRect().right + 8;
  let left, top;
  if (right + w <= innerWidth - 4) { left = right; top = y - 60; }
  else { left = Math.min(Math.max(4, x - w / 2), innerWidth - 4 - w); top = y + 24; }
  if (top + ht > innerHeight - 4) top = innerHeight - 4 - ht;
  card.style.left = Math.max(4, left) + "px";
  card.style.top = Math.max(4, top) + "px";
}

// drawMap draws a unit's map on the card's canvas: each pixel in the colour
// of its band, as the unit maps are drawn (a over [0, 1], or over its own
// range where it leaves [0, 1] or is an input), the data's points grey and
// the example ringed.
function drawMap(m, l) {
  const c = $("hoverMap"), ctx = c.getContext("2d"), N = c.width, n = m.steps;
  const own = l === 1 || m.lo < 0 || m.hi > 1, lo = own ? m.lo : 0, hi = own ? m.hi : 1;
  const scale = (v) => (hi > lo ? (v - lo) / (hi - lo) : 0.5);
  const img = ctx.createImageData(N, N);
  const rgb = bandColors.map((h) => [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16)));
  for (let py = 0; py < N; py++) {
    const fy = (1 - (py + 0.5) / N) * (n - 1), r0 = Math.min(n - 2, Math.floor(fy)), ty = fy - r0;
    for (let px = 0; px < N; px++) {
      const fx = (px + 0.5) / N * (n - 1), c0 = Math.min(n - 2, Math.floor(fx)), tx = fx - c0;
      const v = (m.values[r0 * n + c0] * (1 - tx) + m.values[r0 * n + c0 + 1] * tx) * (1 - ty) +
        (m.values[(r0 + 1) * n + c0] * (1 - tx) + m.values[(r0 + 1) * n + c0 + 1] * tx) * ty;
      let b = Math.max(0, Math.min(9, Math.floor(scale(v) * 10)));
      if (discretize) b = b < 5 ? 0 : 9;
      const q = 4 * (py * N + px);
      [img.data[q], img.data[q + 1], img.data[q + 2]] = rgb[b];
      img.data[q + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
  const [xmin, xmax, ymin, ymax] = m.extent;
  const at = (x, y) => [(x - xmin) / (xmax - xmin) * N, (ymax - y) / (ymax - ymin) * N];
  ctx.fillStyle = "rgba(30,30,30,0.45)";
  for (const p of run.points) {
    const [px, py] = at(p[0], p[1]);
    ctx.fillRect(px - 1, py - 1, 2, 2);
  }
  const p = run.points[m.example], [ex, ey] = at(p[0], p[1]);
  ctx.lineWidth = 3; ctx.strokeStyle = "#fff";
  ctx.beginPath(); ctx.arc(ex, ey, 6, 0, 2 * Math.PI); ctx.stroke();
  ctx.lineWidth = 1.5; ctx.strokeStyle = "#000";
  ctx.beginPath(); ctx.arc(ex, ey, 6, 0, 2 * Math.PI); ctx.stroke();
  const name = (l === 1 ? inputName(m.j) : `a^(${l})_${m.j}`) + (m.iter !== stepInfo.iter ? ` (weights of iteration ${m.iter})` : "");
  $("hoverCaption").textContent = `${name} over the plane x1 × x2 (x1 ${xmin.toFixed(1)} to ${xmax.toFixed(1)}, x2 ${ymin.toFixed(1)} to ${ymax.toFixed(1)}); ` +
    `orange ${lo.toFixed(2)}, white ${((lo + hi) / 2).toFixed(2)}, blue ${hi.toFixed(2)}; ringed: example ${m.example}, where it is ${m.at.toFixed(6)}`;
  $("hoverCaption").dataset.at = m.at.toFixed(6);
  if (hovered) placeCard(hovered.x, hovered.y); // the caption's lines change the card's height
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
  if (resp.ok) { maps.clear(); loadStep(); }
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
  if (edited) {
    const note = document.createElement("div");
    note.className = "edited";
    note.textContent = `# ${edited}`;
    el.append(note);
  }
  if (!cmd) { el.append(edited ? "(the command appears after the next iteration)" : "press ▶ or +1: the command appears after the first iteration"); return; }
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

// drawClasses offers a class to draw for each of the run's K classes, and
// class K, a new one (its first point makes the output layer one unit
// larger).
function drawClasses(K) {
  const sel = $("drawClass"), keep = sel.value;
  sel.textContent = "";
  for (let k = 0; k <= K; k++) {
    const o = document.createElement("option");
    o.value = k;
    o.textContent = k < K ? `${k}` : `${k} (new)`;
    sel.append(o);
  }
  sel.value = +keep <= K ? keep : "0";
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
      } else if (el.type === "checkbox") {
        settings[k] = el.checked ? "true" : "false";
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
    if (hovered) hover(hovered); // the card's map too
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
  $("stepFig").addEventListener("mousemove", (e) => pointAt(e, hoverTarget(e.target)));
  $("stepFig").addEventListener("mouseleave", () => hover(null));
  $("diagram").addEventListener("mousemove", (e) => pointAt(e, diagramUnit(e)));
  $("diagram").addEventListener("mouseleave", () => hover(null));
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

// Leaving the page closes its stream, which ends its run on the server: a
// browser may keep a page it left (the back-forward cache) with its
// connections open, and the run would go on holding one of the client's
// runs. Coming back to such a page starts a new run.
addEventListener("pagehide", () => { if (events) { events.close(); events = null; } });
addEventListener("pageshow", (e) => { if (e.persisted) start(false); });

const play = fromURL();
wire();
$("play").innerHTML = icons.play;
showSettings();
$("share").value = shareURL(true);
start(play);
