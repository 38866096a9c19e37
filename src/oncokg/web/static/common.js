// What every OncoKG page shares: building elements, asking the API, the sources cited beside answers,
// links to entity pages, and the readable result table (quote given room, repeated quotes grouped,
// offsets hidden, wide tables scrolling inside their box, CSV and JSON downloads).
"use strict";

const OncoKG = { about: null, sources: {} };
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "onclick") node.addEventListener("click", value);
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

async function getText(url, accept) {
  const response = await fetch(url, { headers: { Accept: accept } });
  const body = await response.text();
  if (!response.ok) throw new Error(JSON.parse(body).error || response.statusText);
  return body;
}

// The notice, the prefixes and the sources: asked once per page.
async function loadCommon() {
  OncoKG.about = await getJSON("/api/about");
  document.querySelectorAll(".notice").forEach((n) => { n.textContent = OncoKG.about.disclaimer; });
  try {
    for (const card of await getJSON("/api/sources")) {
      OncoKG.sources[card.id] = card;
      OncoKG.sources[card.iri] = card;
    }
  } catch (error) { /* sources are shown by id alone when their cards cannot be had */ }
}

// ---- names and links --------------------------------------------------------------------------

function isEntity(iri) {
  return typeof iri === "string" && iri.startsWith(OncoKG.about.base) &&
    !/^(evidence|graph|query|node|derivation)\//.test(iri.slice(OncoKG.about.base.length));
}

function entityPath(iri) {
  return "/entity/" + iri.slice(OncoKG.about.base.length).split("/").map(encodeURIComponent).join("/");
}

function shortName(iri) {
  return iri.startsWith(OncoKG.about.base) ? "oncokg:" + iri.slice(OncoKG.about.base.length) : iri;
}

function entityLink(iri, label) {
  return isEntity(iri) ? el("a", { href: entityPath(iri), class: "entity" }, label || shortName(iri))
    : document.createTextNode(label || iri);
}

// "sourceDate" reads "source date" in a column head.
function words(name) {
  return name.replace(/Label$/, "").replace(/([a-z])([A-Z])/g, "$1 $2").replace(/_/g, " ").toLowerCase();
}

// ---- sources ----------------------------------------------------------------------------------

// A source as cited beside an answer: short id (linking to its entity page), title, publisher,
// a link where the graph gives one, the review date and whether the next review is overdue.
function sourceCitation(idOrIri, date) {
  const card = OncoKG.sources[idOrIri];
  const id = card ? card.id : String(idOrIri).split("/").pop();
  const parts = el("span", { class: "citation" });
  parts.append(el("a", { href: `/entity/source/${encodeURIComponent(id)}`, class: "source-id" }, id));
  if (card) {
    parts.append(": ", card.title || "");
    if (card.publisher) parts.append(`, ${card.publisher}`);
    const reviewed = date || card.reviewed;
    if (reviewed) parts.append(`, reviewed ${reviewed}`);
    if (card.overdue === "yes") parts.append(el("span", { class: "overdue" }, " (review overdue)"));
    if (card.url) parts.append(" ", el("a", { href: card.url, rel: "noopener" }, "document"));
  } else if (date) {
    parts.append(`, ${date}`);
  }
  return parts;
}

// A verbatim quote with its source; a long one is folded to a few lines and opens on request.
function quoteBlock(quote, source, date, certainty) {
  const block = el("blockquote", { class: "quote" }, el("p", {}, `“${quote}”`));
  const cite = el("footer", {}, certainty ? el("span", { class: `certainty ${certainty}` }, certainty) : null,
    certainty ? " · " : null, sourceCitation(source, date));
  block.append(cite);
  if (quote.length > 320) {
    block.classList.add("folded");
    const more = el("button", { type: "button", class: "more", "aria-expanded": "false" }, "Show the whole quote");
    more.addEventListener("click", () => {
      const open = block.classList.toggle("folded") === false;
      more.setAttribute("aria-expanded", String(open));
      more.textContent = open ? "Show less" : "Show the whole quote";
    });
    block.append(more);
  }
  return block;
}

// ---- result tables ----------------------------------------------------------------------------

const HIDDEN = new Set(["start", "end", "direction", "fact", "e"]);
// Shown with the quote, not in columns of their own.
const EVIDENCE_COLUMNS = new Set(["quote", "source", "sourceDate", "certainty"]);

// The columns worth showing: label columns replace their IRI columns; offsets, internal columns and
// columns empty in every row are left out (they stay in the CSV and JSON downloads).
function shownColumns(answer) {
  return answer.variables.filter((v) => !answer.variables.includes(v + "Label") && !HIDDEN.has(v) &&
    answer.rows.some((row) => row[v] !== null && row[v] !== undefined && row[v] !== ""));
}

function cellContent(row, v) {
  const iriColumn = v.endsWith("Label") ? v.slice(0, -5) : null;
  const value = row[v];
  if (iriColumn && OncoKG.sources[row[iriColumn]]) return sourceCitation(row[iriColumn], row[`${iriColumn}Date`]);
  if (iriColumn && typeof row[iriColumn] === "string" && isEntity(row[iriColumn])) return entityLink(row[iriColumn], value);
  if (typeof value === "string" && isEntity(value)) return entityLink(value);
  return document.createTextNode(value === null || value === undefined ? "" : String(value));
}

// Rows grouped by their evidence (quote and source): each quote is shown once, beside every row it supports.
function groupByQuote(answer) {
  const groups = new Map();
  for (const row of answer.rows) {
    const key = answer.variables.includes("quote")
      ? [row.quote, row.source, row.sourceDate, row.certainty].join("\u0000") : String(groups.size);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(row);
  }
  return [...groups.values()];
}

// The rows of each quote, then the quote itself on a row of its own across the table, so that it has
// the table's whole width (and, in a table wider than the screen, the screen's width: it stays in view).
function resultsTable(answer, { id = "results-table", caption = "", extra = null } = {}) {
  const hasQuote = answer.variables.includes("quote");
  const columns = shownColumns(answer).filter((v) => !(hasQuote && EVIDENCE_COLUMNS.has(v.replace(/Label$/, ""))));
  const head = el("tr", {}, ...columns.map((v) => el("th", { scope: "col" }, words(v))));
  if (extra) head.append(el("th", { scope: "col" }, extra.head));
  const width = columns.length + (extra ? 1 : 0);
  const body = el("tbody");
  for (const group of groupByQuote(answer)) {
    for (const row of group) {
      const tr = el("tr", hasQuote ? { class: "quoted" } : {}, ...columns.map((v) => el("td", {}, cellContent(row, v))));
      if (extra) tr.append(el("td", {}, extra.cell(row)));
      body.append(tr);
    }
    if (hasQuote) {
      const first = group[0];
      const said = group.length > 1 ? `the ${group.length} rows above, as the source says:` : "as the source says:";
      body.append(el("tr", { class: "quote-row" }, el("td", { colspan: width },
        el("div", { class: "quote-cell" }, el("span", { class: "said" }, said),
          quoteBlock((answer.prose || {})[first.quote] || first.quote || "", first.source || "", first.sourceDate,
            first.certaintyLabel || first.certainty)))));
    }
  }
  const table = el("table", { id, class: "results" }, caption ? el("caption", {}, caption) : null,
    el("thead", {}, head), body);
  return el("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-label": caption || "results" }, table);
}

function rowCount(n) {
  return `${n} ${n === 1 ? "row" : "rows"}`;
}

// A download made in the page, so that the file is the API's own answer in that media type.
async function download(url, accept, filename) {
  const response = await fetch(url, { headers: { Accept: accept } });
  if (!response.ok) throw new Error((await response.json()).error || response.statusText);
  const link = el("a", { href: URL.createObjectURL(await response.blob()), download: filename });
  document.body.append(link);
  link.click();
  link.remove();
}
