// The OncoKG page (its address keeps the query run, as #run=NAME&PARAM=VALUE; not #query=, which
// YASGUI reads as a query to edit): the catalogue first (a form per query, results with labels and evidence links),
// then YASGUI on /query with the project's prefixes, then the sources and the notice.
"use strict";

const state = { queries: [], byName: {}, yasgui: null };

function showPanel(name) {
  document.querySelectorAll(".panel").forEach((p) => p.classList.toggle("active", p.id === name));
  document.querySelectorAll("nav button").forEach((b) => b.classList.toggle("active", b.dataset.panel === name));
  if (name === "editor") startEditor();
}

function prefixBlock() {
  return Object.entries(OncoKG.about.prefixes).map(([p, iri]) => `PREFIX ${p}: <${iri}>`).join("\n");
}

// ---- the catalogue -------------------------------------------------------------------------

function listQueries() {
  const list = $("query-list");
  for (const q of state.queries) {
    list.append(el("li", { "data-name": q.name }, el("button", { type: "button", onclick: () => selectQuery(q.name, {}) },
      q.title, el("span", { class: "name" }, q.name))));
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
    const input = el("input", { name: p.name, id: `param-${p.name}`, placeholder: `e.g. ${p.example}` });
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
    el("button", { type: "button", id: "open-editor", onclick: () => openInEditor(name) }, "Open in SPARQL editor"));
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

// What a person must fill in, said in the page's words ("Enter a treatment (for example sunitinib)").
function missingField(q, values) {
  const missing = q.parameters.find((p) => !p.optional && !values[p.name]);
  return missing ? `Enter a ${missing.name} (for example ${missing.example})` : "";
}

async function runQuery(name) {
  const q = state.byName[name];
  const values = formValues();
  const status = $("query-status");
  status.className = "";
  document.querySelectorAll("#query-form .hint").forEach((h) => { h.textContent = ""; });
  $("query-results").replaceChildren();
  const missing = missingField(q, values);
  if (missing) {
    status.className = "error";
    status.textContent = missing;
    $(`param-${q.parameters.find((p) => !p.optional && !values[p.name]).name}`).focus();
    return;
  }
  status.textContent = "Running…";
  history.replaceState(null, "", "#" + new URLSearchParams({ run: name, ...values }).toString());
  const url = apiURL(name, values);
  try {
    const answer = await getJSON(url);
    status.textContent = [rowCount(answer.rows.length), ...(answer.readings || []).map((r) => r.said)].join("; ");
    $("query-results").replaceChildren(resultActions(name, values, url), resultsTable(answer, {
      caption: q.title,
      extra: name === "evidence" ? null : { head: "says who?", cell: (row) => saysWho(answer, row) },
    }));
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

function apiURL(name, values) {
  const query = new URLSearchParams(values).toString();
  return `/api/queries/${encodeURIComponent(name)}${query ? "?" + query : ""}`;
}

// Downloads of the answer and the same answer from code: curl, Python and SPARQL.
function resultActions(name, values, url) {
  const absolute = new URL(url, location.href).href;
  const pyArgs = [JSON.stringify(name), ...Object.entries(values).map(([k, v]) =>
    /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `${k}=${JSON.stringify(v)}` : `**{${JSON.stringify(k)}: ${JSON.stringify(v)}}`)];
  const code = [
    "# shell",
    `curl -H 'Accept: text/csv' '${absolute}'`,
    "# Python, in the project's environment",
    "from oncokg import OncoKG",
    `rows = OncoKG.open().query(${pyArgs.join(", ")}).records()`,
  ];
  const failed = (error) => { $("query-status").className = "error"; $("query-status").textContent = error.message; };
  return el("div", { class: "actions" },
    el("button", { type: "button", id: "download-csv",
      onclick: () => download(url, "text/csv", `${name}.csv`).catch(failed) }, "Download CSV"),
    el("button", { type: "button", id: "download-json",
      onclick: () => download(url, "application/json", `${name}.json`).catch(failed) }, "Download JSON"),
    el("details", { class: "code" }, el("summary", {}, "Use this from code"),
      el("p", {}, "The same answer from a shell (CSV; JSON without the header), from Python (the ",
        el("code", {}, "oncokg"), " package) and as SPARQL (", el("a", { href: "#", id: "code-sparql",
          onclick: (event) => { event.preventDefault(); openInEditor(name); } }, "open it in the SPARQL editor"), "):"),
      el("pre", { id: "code-lines" }, code.join("\n"))));
}

// A "says who?" link per row: the evidence query about the row's entities.
function saysWho(answer, row) {
  const iriColumns = answer.variables.filter((v) => answer.variables.includes(v + "Label"));
  const entities = iriColumns.map((v) => row[v]).filter((iri) => iri && isEntity(iri));
  if (!entities.length) return "";
  const params = { subject: shortName(entities[0]) };
  const other = entities.find((iri) => iri !== entities[0]);
  if (other) params.object = shortName(other);
  return el("a", { href: "#" + new URLSearchParams({ run: "evidence", ...params }), class: "evidence" }, "says who?");
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
      collapsePrefixesOnLoad: true,
    },
  });
  return state.yasgui;
}

// An IRI of the graph in the editor's results opens its entity page on this service, not the
// w3id.org address (which needs the internet and a redirect the project does not run).
function localIRILinks(event) {
  const link = event.target.closest(".yasr a[href]");
  if (link && isEntity(link.href)) {
    event.preventDefault();
    location.href = entityPath(link.href);
  }
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

function loadAbout() {
  $("about-disclaimer").textContent = OncoKG.about.disclaimer;
  $("about-release").textContent = `Data release ${OncoKG.about.data_version}, built ${OncoKG.about.built_at}` +
    " (to cite it: CITATION.cff in the repository).";
  $("about-prefixes").textContent = prefixBlock();
  const cards = Object.entries(OncoKG.sources).filter(([key, card]) => key === card.id).map(([, card]) => card);
  const head = ["id", "title", "publisher", "link", "reviewed", "next review", "review overdue", "facts"];
  const rows = cards.map((c) => el("tr", {},
    el("td", {}, el("a", { href: `/entity/source/${encodeURIComponent(c.id)}` }, c.id)), el("td", {}, c.title || ""),
    el("td", {}, c.publisher || ""), el("td", {}, c.url ? el("a", { href: c.url, rel: "noopener" }, c.url) : "not given"),
    el("td", {}, c.reviewed || "not given"), el("td", {}, c.next_review || "not given"),
    el("td", {}, c.overdue || "unknown"), el("td", {}, c.facts || "")));
  $("about-sources").replaceChildren(el("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-label": "sources" },
    el("table", { id: "sources-table", class: "results" }, el("thead", {}, el("tr", {}, ...head.map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, ...rows))));
}

async function main() {
  document.querySelectorAll("nav button").forEach((b) => b.addEventListener("click", () => showPanel(b.dataset.panel)));
  $("examples").addEventListener("change", (event) => {
    const q = state.byName[event.target.value];
    if (q) setEditorQuery(q.sparql);
  });
  window.addEventListener("hashchange", fromHash);
  $("yasgui").addEventListener("click", localIRILinks);
  await loadCommon();
  state.queries = await getJSON("/api/queries");
  state.byName = Object.fromEntries(state.queries.map((q) => [q.name, q]));
  listQueries();
  if (!fromHash()) {
    selectQuery(state.queries[0].name, {});
    const panel = location.hash.slice(1);
    if (panel === "editor" || panel === "about") showPanel(panel);
  }
  loadAbout();
}

main().catch((error) => { $("query-status").textContent = `The service did not answer: ${error.message}`; });
