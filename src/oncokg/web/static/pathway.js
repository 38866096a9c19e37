// The pathway explorer: a patient form whose address is the CLI's options as query parameters
// (/pathway?cancer=GIST&setting=unresectable&history=imatinib:progression), the answer as the
// reasoner gives it (ranked options, why, conditions, cautions, quotes with their sources, what is
// ruled out and why, what the sources give under other conditions), the pathway drawn with a legend,
// and the same answer as JSON and as the text `oncokg pathway next` prints.
"use strict";

const ROWS = {
  biomarker: { fields: [["name", "biomarker", "Biomarker", "e.g. KIT"], ["status", "status", "BiomarkerStatus", "e.g. overexpression"]],
    join: (v) => `${v.name}=${v.status}`, split: (s) => { const i = s.indexOf("="); return { name: s.slice(0, i), status: s.slice(i + 1) }; } },
  finding: { fields: [["finding", "finding", "ClinicalFeature TransitionTrigger DecisionFactor DiseaseState", "e.g. liver metastases"]],
    join: (v) => v.finding, split: (s) => ({ finding: s }) },
  history: { fields: [["treatment", "treatment", "Treatment", "e.g. imatinib"], ["outcome", "outcome", "TransitionTrigger", "e.g. progression"]],
    join: (v) => `${v.treatment}:${v.outcome}`, split: (s) => { const i = s.lastIndexOf(":"); return { treatment: s.slice(0, i), outcome: s.slice(i + 1) }; } },
  planned: { fields: [["treatment", "treatment", "Treatment", "e.g. surgery"]], join: (v) => v.treatment, split: (s) => ({ treatment: s }) },
};
const FIELDSET = { biomarker: "biomarkers", finding: "findings", history: "history", planned: "planned" };
let rowNumber = 0;

// ---- the form ---------------------------------------------------------------------------------

function addRow(kind, values = {}) {
  const spec = ROWS[kind];
  const container = document.querySelector(`#${FIELDSET[kind]} .rows`);
  const row = el(container.tagName === "OL" ? "li" : "div", { class: "row entry", "data-kind": kind });
  rowNumber += 1;
  for (const [key, names, classes, placeholder] of spec.fields) {
    const id = `${kind}-${key}-${rowNumber}`;
    const input = el("input", { id, "data-key": key, "data-kind": classes, list: `names-${names}`, placeholder });
    input.value = values[key] || "";
    input.addEventListener("input", () => suggest(input));
    row.append(el("label", { for: id }, `${kind === "history" ? "" : kind + " "}${key}`), input);
  }
  row.append(el("button", { type: "button", class: "remove", "aria-label": `Remove this ${kind}`,
    onclick: () => row.remove() }, "Remove"));
  container.append(row);
  return row;
}

let suggestTimer = null;
function suggest(input) {
  clearTimeout(suggestTimer);
  suggestTimer = setTimeout(async () => {
    if (!input.value.trim()) return;
    const params = new URLSearchParams({ q: input.value, kind: input.dataset.kind });
    try {
      const found = await getJSON(`/api/entities?${params}`);
      $(input.getAttribute("list")).replaceChildren(
        ...found.suggestions.map((s) => el("option", { value: s.name }, `${s.label} (${s.id})`)));
    } catch (error) { /* suggestions are a convenience; the answer reports errors */ }
  }, 200);
}

// The form as the query parameters of the CLI's options, in the order given.
function formParams() {
  const params = new URLSearchParams();
  for (const name of ["cancer", "setting"]) params.append(name, $(name).value.trim());
  for (const row of document.querySelectorAll(".entry")) {
    const kind = row.dataset.kind;
    const values = Object.fromEntries([...row.querySelectorAll("input")].map((i) => [i.dataset.key, i.value.trim()]));
    if (Object.values(values).every((v) => v)) params.append(kind, ROWS[kind].join(values));
  }
  return params;
}

function fillForm(params) {
  $("cancer").value = params.get("cancer") || "";
  $("setting").value = params.get("setting") || "";
  document.querySelectorAll(".entry").forEach((row) => row.remove());
  for (const kind of Object.keys(ROWS)) {
    for (const value of params.getAll(kind)) addRow(kind, ROWS[kind].split(value));
  }
}

// ---- the answer -------------------------------------------------------------------------------

function entityHref(id) {
  return id && id.startsWith("oncokg:") ? `/entity/${encodeURIComponent(id.slice(7))}` : null;
}

function named(entity) {
  const href = entityHref(entity.id);
  return href ? el("a", { href, class: "entity" }, entity.label) : document.createTextNode(entity.label);
}

function quotes(evidence) {
  return el("div", { class: "quotes" }, ...(evidence || []).map((e) => quoteBlock(e.prose || e.quote, e.source, e.date, e.certainty)));
}

function option(o) {
  const item = el("li", { class: "option" });
  item.append(el("h4", {}, `${o.rank}. `, named(o.treatment), o.label !== o.treatment.label ? ` (${o.label})` : "",
    " ", el("span", { class: `certainty ${o.certainty}` }, o.certainty)));
  item.append(el("p", {}, el("strong", {}, "Why: "), o.rationale));
  if (o.members.length) item.append(el("p", {}, el("strong", {}, "Stands for: "), ...o.members.flatMap((m, i) => [i ? ", " : "", named(m)])));
  const conditions = o.conditions.filter((c) => c.type !== "given with");
  if (conditions.length) {
    item.append(el("p", {}, el("strong", {}, "Conditions: "), conditions.map((c) => `${c.type}: ${c.label}`).join("; ")));
  }
  item.append(quotes(o.evidence));
  for (const a of o.also) item.append(el("p", { class: "sub" }, `Also given by ${a.sources.join(", ")}:`), quotes(a.evidence));
  for (const d of o.disagreement) {
    item.append(el("p", { class: "sub" }, el("strong", {}, "But: "), `${d.sources.join(", ")} calls it ${d.stance.label}:`), quotes(d.evidence));
  }
  for (const x of o.excepted) {
    item.append(el("p", { class: "sub" }, el("strong", {}, "Except: "),
      `${x.sources.join(", ")} gives it unless ${x.unless.map((u) => u.label).join(" or ")}, which the patient has:`), quotes(x.evidence));
  }
  for (const d of o.doubts) item.append(el("p", { class: "sub" }, el("strong", {}, "Doubt: "), `${d.outcome.label}: ${d.status.label}`), quotes(d.evidence));
  for (const c of o.cautions) {
    item.append(el("p", { class: "sub" }, el("strong", {}, "Caution: "), named(c.treatment), " with ", named(c.finding)), quotes(c.evidence));
  }
  if (o.then.length) {
    item.append(el("p", { class: "sub" }, el("strong", {}, "Then: "), o.then.map((t) => `${t.when.join(" or ")}: ${t.label}`).join("; ")));
  }
  return item;
}

function section(title, id, ...children) {
  return el("section", { id, "aria-labelledby": `${id}-title` }, el("h3", { id: `${id}-title` }, title), ...children);
}

function showAnswer(answer) {
  const out = [];
  const p = answer.patient;
  out.push(el("p", { class: "patient" }, el("strong", {}, "Patient: "), named(p.cancer), ", ", named(p.setting),
    ...p.history.map((h, i) => ` · history ${i + 1}: ${h.treatment.label}: ${h.outcome.label}`)));
  if (answer.readings && answer.readings.length) {
    out.push(el("ul", { class: "readings", "aria-label": "How the names were read" },
      ...answer.readings.map((r) => el("li", {}, `${r.said} (${r.field})`))));
  }
  if (answer.pathway.id) {
    out.push(el("p", {}, el("strong", {}, "Pathway: "), named(answer.pathway.cancer), ", ", named(answer.pathway.state)),
      quotes(answer.pathway.evidence));
  }
  out.push(section("Options, ranked", "options", answer.options.length
    ? el("ol", { class: "options" }, ...answer.options.map(option)) : el("p", {}, "The sources give no option for this patient.")));
  if (answer.excluded.length) {
    out.push(section("Ruled out, and why", "excluded", el("ul", {}, ...answer.excluded.map((e) =>
      el("li", {}, el("strong", {}, e.label), `: ${e.reason}`, quotes(e.evidence))))));
  }
  if (answer.conditional.length) {
    out.push(section("Under conditions the patient's state does not say", "conditional", el("ul", {}, ...answer.conditional.map((c) =>
      el("li", {}, el("strong", {}, c.label), ": if ", c.needs.map((n) => n.label).join(" and "), quotes(c.evidence))))));
  }
  if (answer.absent.length) {
    out.push(section("Not offered, as the sources say", "absent", el("ul", {}, ...answer.absent.map((a) =>
      el("li", {}, named(a.treatment), `: ${a.stance.label}`, quotes(a.evidence))))));
  }
  if (answer.also_from.length) {
    out.push(section("What the sources give under other conditions", "also-from", el("ul", {}, ...answer.also_from.map((r) =>
      el("li", {}, named(r.cancer), ", ", named(r.state), quotes(r.evidence))))));
  }
  if (answer.notes.length) out.push(section("Notes", "notes", el("ul", {}, ...answer.notes.map((n) => el("li", {}, n)))));
  out.push(el("p", { class: "notice" }, answer.disclaimer));
  $("answer").replaceChildren(...out);
}

// ---- the drawing ------------------------------------------------------------------------------

let graph = null;
function showDrawing(drawing) {
  $("drawing-section").hidden = !drawing.elements.length;
  if (!drawing.elements.length) return;
  if (graph) graph.destroy();
  graph = cytoscape({
    container: $("drawing"),
    elements: drawing.elements,
    layout: { name: "dagre", rankDir: "TB", nodeSep: 30, rankSep: 50 },
    autoungrabify: true,
    wheelSensitivity: 0.2,
    style: [
      { selector: "node", style: { shape: "round-rectangle", "background-color": "#eef3f7", "border-width": 2,
        "border-color": "#20425e", label: "data(label)", "text-wrap": "wrap", "text-max-width": 220, "font-size": 11,
        "text-valign": "center", width: "label", height: "label", padding: 10, color: "#1d2630" } },
      { selector: "node.start", style: { shape: "ellipse", "background-color": "#20425e", color: "#fff" } },
      { selector: "node.dashed", style: { "border-style": "dashed" } },
      { selector: "edge", style: { "curve-style": "bezier", "target-arrow-shape": "triangle", width: 1.5,
        "line-color": "#4a6072", "target-arrow-color": "#4a6072", label: "data(label)", "font-size": 10,
        "text-wrap": "wrap", "text-max-width": 140, "text-background-color": "#fff", "text-background-opacity": 1 } },
      { selector: "edge.dotted", style: { "line-style": "dotted" } },
    ],
  });
  graph.ready(() => { graph.resize(); graph.fit(undefined, 20); });
  const legend = el("ul", { class: "legend" }, ...drawing.legend.map((l) => el("li", {}, el("strong", {}, l.style), `: ${l.means}`)));
  const sources = el("p", {}, "Source: ", ...drawing.sources.flatMap((s, i) => [i ? "; " : "", sourceCitation(s.id, s.dates.join(", "))]));
  $("drawing-caption").replaceChildren(el("p", {}, el("strong", {}, drawing.title)), legend, sources,
    el("p", { class: "notice" }, drawing.disclaimer));
}

// ---- running ----------------------------------------------------------------------------------

async function run(params) {
  const status = $("pathway-status");
  status.className = "";
  if (!params.get("cancer") || !params.get("setting")) {
    status.className = "error";
    status.textContent = !params.get("cancer") ? "Enter a cancer (for example GIST)" : "Enter a disease state (for example unresectable)";
    return;
  }
  status.textContent = "Reasoning…";
  const api = `/api/pathway?${params}`;
  try {
    const [answer, text, drawing] = await Promise.all([
      getJSON(api), getText(api, "text/plain"), getJSON(`/api/pathway/drawing?${params}`)]);
    showAnswer(answer);
    showDrawing(drawing);
    $("answer-text").textContent = text;
    $("answer-links").replaceChildren("The same answer: ", el("a", { href: api, id: "answer-json" }, "as JSON"), " · ",
      el("button", { type: "button", id: "download-text", onclick: () => download(api, "text/plain", "pathway.txt") }, "Download the text"),
      " · ", el("code", {}, `oncokg pathway next ${cliArgs(params)}`));
    $("text-section").hidden = false;
    status.textContent = `${answer.options.length} options`;
  } catch (error) {
    status.className = "error";
    status.textContent = error.message;
    $("answer").replaceChildren();
    $("drawing-section").hidden = true;
    $("text-section").hidden = true;
  }
}

function cliArgs(params) {
  const quote = (v) => (/^[\w.:=+-]+$/.test(v) ? v : `'${v.replace(/'/g, "'\\''")}'`);
  return [...params].map(([k, v]) => `--${k} ${quote(v)}`).join(" ");
}

// The form is filled from the address and wired before anything is asked of the service, so that
// nothing typed while the page loads is overwritten.
async function main() {
  const given = new URLSearchParams(location.search);
  fillForm(given);
  for (const kind of Object.keys(ROWS)) $(`add-${kind}`).addEventListener("click", () => addRow(kind).querySelector("input").focus());
  for (const id of ["cancer", "setting"]) $(id).addEventListener("input", () => suggest($(id)));
  $("patient").addEventListener("submit", (event) => {
    event.preventDefault();
    const params = formParams();
    history.pushState(null, "", `/pathway?${params}`);
    run(params);
  });
  window.addEventListener("popstate", () => { fillForm(new URLSearchParams(location.search)); run(new URLSearchParams(location.search)); });
  await loadCommon();
  if (given.get("cancer")) await run(given);
  document.body.dataset.ready = "yes";
}

main().catch((error) => { $("pathway-status").textContent = `The service did not answer: ${error.message}`; });
