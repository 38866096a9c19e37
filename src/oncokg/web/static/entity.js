// An entity page, as a term page of OLS or NCI EVS: label, IRI, definition and where it comes from,
// synonyms, classes (asserted and inferred), mappings linking out to their vocabularies, the other
// facts about it, every statement naming it with its quote and source, and the catalogue queries that
// take it, pre-filled. The data is this same address asked for as JSON; Turtle, JSON-LD and
// N-Triples are offered for programs.
"use strict";

function dl(pairs) {
  const list = el("dl", { class: "facts" });
  for (const [term, ...details] of pairs) {
    if (!details.length || details.every((d) => d === null || d === "")) continue;
    list.append(el("dt", {}, term), ...details.map((d) => el("dd", {}, d)));
  }
  return list;
}

function namedLink(n) {
  return n.iri.startsWith(OncoKG.about.base) ? entityLink(n.iri, n.label) : el("span", {}, n.label || n.id);
}

function block(title, id, ...children) {
  return el("section", { id, "aria-labelledby": `${id}-title` }, el("h3", { id: `${id}-title` }, title), ...children);
}

function show(entity) {
  document.title = `OncoKG: ${entity.label}`;
  $("entity-label").textContent = entity.label;
  const here = location.pathname;
  const out = [];
  out.push(dl([
    ["Identifier", el("code", {}, entity.id)],
    ["IRI", el("code", {}, entity.iri)],
    ["Definition", ...entity.definitions.map((d) => el("span", {}, d.text, el("small", {}, ` (from ${d.graph})`)))],
    ["Synonyms", entity.synonyms.join(", ")],
    ["Classes", ...entity.classes.asserted.map(namedLink)],
    ["Inferred classes", ...entity.classes.inferred.map(namedLink)],
  ]));
  out.push(el("p", { class: "formats" }, "This entity as data: ",
    ...[["json", "JSON"], ["ttl", "Turtle"], ["jsonld", "JSON-LD"], ["nt", "N-Triples"]].flatMap(([f, name], i) =>
      [i ? " · " : "", el("a", { href: `${here}?format=${f}` }, name)])));
  if (entity.mappings.length) {
    out.push(block("Mappings", "mappings", el("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-label": "table of mappings" },
      el("table", { class: "results" },
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "relation"), el("th", { scope: "col" }, "identifier"))),
        el("tbody", {}, ...entity.mappings.map((m) => el("tr", {}, el("td", {}, m.relation),
          el("td", {}, el("a", { href: m.iri, rel: "noopener" }, m.id)))))))));
  }
  if (entity.properties.length) {
    out.push(block("Facts", "facts", el("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-label": "table of facts" },
      el("table", { class: "results" },
        el("thead", {}, el("tr", {}, ...["property", "value", "graph"].map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, ...entity.properties.map((p) => el("tr", {}, el("td", {}, namedLink(p.predicate)),
          el("td", {}, typeof p.value === "string" ? p.value : namedLink(p.value)), el("td", {}, p.graph))))))));
  }
  const statements = entity.statements;
  out.push(block(`Statements naming it (${rowCount(statements.rows.length)})`, "statements", statements.rows.length
    ? resultsTable(statements, { id: "statements-table", caption: `Statements naming ${entity.label}` })
    : el("p", {}, "No statement of a source names it.")));
  if (entity.queries.length) {
    out.push(block("Catalogue queries that take it", "queries", el("ul", {}, ...entity.queries.map((q) =>
      el("li", {}, el("a", { href: "/#" + new URLSearchParams({ run: q.query, [q.parameter]: entity.id }) }, q.title),
        ` (${q.query}, as ${q.parameter})`)))));
  }
  $("entity").replaceChildren(...out);
}

async function main() {
  await loadCommon();
  try {
    show(await getJSON(location.pathname));
  } catch (error) {
    $("entity-label").textContent = "Not found";
    $("entity-status").className = "error";
    $("entity-status").textContent = error.message;
  }
}

main().catch((error) => { $("entity-status").textContent = `The service did not answer: ${error.message}`; });
