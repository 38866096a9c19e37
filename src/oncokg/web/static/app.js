// The OncoKG page (its address keeps the query run, as #run=NAME&PARAM=VALUE; not #query=, which
// YASGUI reads as a query to edit): the catalogue first (a form per query, results with labels and evidence links),
// then YASGUI on /query with the project's prefixes, then the sources and the notice.
"use strict";

const state = { about: null, queries: [], byName: {}, yasgui: null };
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "onclick") node.addEventListener("click", value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function showPanel(name) {
  document.querySelectorAll(".panel").forEach((p) => p.classList.toggle("active", p.id === name));
  document.querySelectorAll("nav button").forEach((b) => b.classList.toggle("active", b.dataset.panel === name));
  if (name === "editor") startEditor();
}

function prefixBlock() {
  return Object.entries(state.about.prefixes).map(([p, iri]) => `PREFIX ${p}: <${iri}>`).join("\n");
}

// ---- the catalogue -------------------------------------------------------------------------

function listQueries() {
  const list = $("query-list");
  for (const q of state.queries) {
    list.append(el("li", { "data-name": q.name, onclick: () => selectQuery(q.name, {}) },
      q.title, el("span", { class: "name" }, q.name)));
    $("examples").append(el("option", { value: q.name }, `${q.name}: ${q.title}`));
  }
}

function selectQuery(name, values, run = false) {
  const q = state.byName[name];
  if (!q) return;
  document.querySelectorAll("#query-list li").forEach((li) => li.classList.toggle("selected", li.dataset.name === name));
  $("query-title").textContent = q.title;
  $("query-description").textContent = q.description;
  $("query-status").textContent = "";
  $("query-results").replaceChildren();
  const form = $("query-form");
  form.replaceChildren();
  for (const p of q.parameters) {
    const input = el("input", { name: p.name, id: `param-${p.name}`, placeholder: p.example });
    if (values[p.name]) input.value = values[p.name];
    const label = el("label", {}, el("span", {}, p.name + (p.optional ? "" : " *")), input,
      el("small", {}, p.description));
    if (p.type === "entity") {
      const list = el("datalist", { id: `names-${p.name}` });
      input.setAttribute("list", list.id);
      input.dataset.kind = (p.classes || []).join(" ");
      input.addEventListener("input", () => suggest(input, list));
      label.append(list);
    }
    label.append(el("span", { class: "hint", id: `hint-${p.name}` }));
    form.append(label);
  }
  form.append(el("button", { type: "submit", id: "run" }, "Run"),
    el("button", { type: "button", onclick: () => openInEditor(name) }, "Open in SPARQL editor"));
  form.onsubmit = (event) => { event.preventDefault(); runQuery(name); };
  if (run) runQuery(name);
}

// The names of the kind a parameter declares (its classes), so that suggestions are of that kind.
function entitiesURL(value, kind) {
  return `/api/entities?${new URLSearchParams(kind ? { q: value, kind } : { q: value })}`;
}

let suggestTimer = null;
function suggest(input, list) {
  clearTimeout(suggestTimer);
  suggestTimer = setTimeout(async () => {
    if (!input.value.trim()) return;
    try {
      const found = await getJSON(entitiesURL(input.value, input.dataset.kind));
      list.replaceChildren(...found.suggestions.map((s) => el("option", { value: s.name }, `${s.label} (${s.id})`)));
    } catch (error) { /* suggestions are a convenience; the run reports errors */ }
  }, 200);
}

function formValues() {
  const values = {};
  for (const input of $("query-form").querySelectorAll("input")) {
    if (input.value.trim()) values[input.name] = input.value.trim();
  }
  return values;
}

async function runQuery(name) {
  const values = formValues();
  const status = $("query-status");
  status.className = "";
  status.textContent = "Running…";
  document.querySelectorAll("#query-form .hint").forEach((h) => { h.textContent = ""; });
  history.replaceState(null, "", "#" + new URLSearchParams({ run: name, ...values }).toString());
  try {
    const answer = await getJSON(`/api/queries/${encodeURIComponent(name)}?${new URLSearchParams(values)}`);
    status.textContent = [`${answer.rows.length} rows`, ...(answer.readings || []).map((r) => r.said)].join("; ");
    $("query-results").replaceChildren(resultsTable(answer));
  } catch (error) {
    status.className = "error";
    status.textContent = error.message;
    for (const [key, value] of Object.entries(values)) {
      if (!error.message.includes(`'${value}'`) || !$(`hint-${key}`)) continue;
      const found = await getJSON(entitiesURL(value, $(`param-${key}`)?.dataset.kind));
      if (found.suggestions.length) {
        $(`hint-${key}`).textContent = "did you mean: " + found.suggestions.slice(0, 5).map((s) => s.name).join(", ");
      }
    }
  }
}

function shortName(iri) {
  return iri.startsWith(state.about.base) ? "oncokg:" + iri.slice(state.about.base.length) : iri;
}

function isEntity(iri) {
  const local = iri.slice(state.about.base.length);
  return iri.startsWith(state.about.base) && !/^(evidence|source|graph|query)\//.test(local);
}

// A table of a catalogue answer: labels in place of IRIs and, unless asked not to, a link per row
// to the evidence query about the row's entities.
function resultsTable(answer, { id = "results-table", evidence = answer.query !== "evidence" } = {}) {
  const shown = answer.variables.filter((v) => !answer.variables.includes(v + "Label"));
  const iriColumns = answer.variables.filter((v) => answer.variables.includes(v + "Label"));
  const head = el("tr", {}, ...shown.map((v) => el("th", {}, v.replace(/Label$/, ""))));
  if (evidence) head.append(el("th", {}, "evidence"));
  const rows = answer.rows.map((row) => {
    const tr = el("tr", {}, ...shown.map((v) => el("td", v === "quote" ? { class: "quote" } : {},
      row[v] === null || row[v] === undefined ? "" : row[v])));
    if (evidence) {
      const entities = iriColumns.map((v) => row[v]).filter((iri) => iri && isEntity(iri));
      const cell = el("td");
      if (entities.length) {
        const params = { subject: shortName(entities[0]) };
        const other = entities.find((iri) => iri !== entities[0]);
        if (other) params.object = shortName(other);
        cell.append(el("a", { href: "#" + new URLSearchParams({ run: "evidence", ...params }), class: "evidence" },
          "says who?"));
      }
      tr.append(cell);
    }
    return tr;
  });
  return el("table", { id }, el("thead", {}, head), el("tbody", {}, ...rows));
}

function fromHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  const name = params.get("run");
  if (!name || !state.byName[name]) return false;
  params.delete("run");
  showPanel("catalogue");
  selectQuery(name, Object.fromEntries(params), true);
  return true;
}

// ---- the SPARQL editor ---------------------------------------------------------------------

function startEditor() {
  if (state.yasgui) return state.yasgui;
  state.yasgui = new Yasgui($("yasgui"), {
    requestConfig: { endpoint: new URL("/query", location.href).href, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    endpointCatalogueOptions: { getData: () => [{ endpoint: new URL("/query", location.href).href }] },
    yasqe: {
      value: `${prefixBlock()}\n\nSELECT DISTINCT ?drug ?target WHERE {\n  ?drug oncokg:targets ?target .\n} LIMIT 20\n`,
      autocompleters: ["prefixes", "variables"],
    },
  });
  return state.yasgui;
}

function setEditorQuery(text) {
  showPanel("editor");
  const yasqe = startEditor().getTab().getYasqe();
  yasqe.setValue(text);
}

async function openInEditor(name) {
  try {
    const bound = await getJSON(`/api/queries/${encodeURIComponent(name)}/sparql?${new URLSearchParams(formValues())}`);
    setEditorQuery(bound.sparql);
  } catch (error) {
    $("query-status").className = "error";
    $("query-status").textContent = error.message;
  }
}

// ---- about ---------------------------------------------------------------------------------

async function loadAbout() {
  $("about-disclaimer").textContent = state.about.disclaimer;
  $("notice").textContent = state.about.disclaimer;
  $("about-prefixes").textContent = prefixBlock();
  try {
    const sources = await getJSON("/api/queries/sources");
    $("about-sources").replaceChildren(resultsTable(sources, { id: "sources-table", evidence: false }));
  } catch (error) {
    $("about-sources").textContent = error.message;
  }
}

async function main() {
  document.querySelectorAll("nav button").forEach((b) => b.addEventListener("click", () => showPanel(b.dataset.panel)));
  $("examples").addEventListener("change", (event) => {
    const q = state.byName[event.target.value];
    if (q) setEditorQuery(q.sparql);
  });
  window.addEventListener("hashchange", fromHash);
  state.about = await getJSON("/api/about");
  state.queries = await getJSON("/api/queries");
  state.byName = Object.fromEntries(state.queries.map((q) => [q.name, q]));
  listQueries();
  if (!fromHash()) selectQuery(state.queries[0].name, {});
  loadAbout();
}

main().catch((error) => { $("query-status").textContent = `The service did not answer: ${error.message}`; });
