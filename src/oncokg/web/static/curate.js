// The review page: each pending draft of a text beside its sentence, marked in its paragraph; accept it
// as drafted, edit it (its node, triples, certainty, qualifiers as JSON) and accept, or reject it.
"use strict";

const sourceId = decodeURIComponent(location.pathname.split("/").pop());
const EDITABLE = ["certainty", "node", "triples", "qualifiers", "reason"];

function said(text) {
  $("curate-status").textContent = text;
}

async function judge(draftId, body, card) {
  const response = await fetch(`/api/curate/${encodeURIComponent(sourceId)}/${encodeURIComponent(draftId)}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) { said(`${draftId}: ${answer.error}`); return; }
  card.remove();
  said(answer.accepted ? `accepted ${answer.accepted} into ${answer.into}` : `rejected ${answer.rejected}`);
}

function editable(entry) {
  const part = {};
  for (const key of EDITABLE) if (key in entry) part[key] = entry[key];
  return JSON.stringify(part, null, 2);
}

function sentence(paragraph) {
  return el("blockquote", { class: "paragraph" }, paragraph.before, el("mark", {}, paragraph.quote), paragraph.after);
}

function what(entry) {
  if (entry.node) return JSON.stringify(entry.node);
  if (entry.triples) return entry.triples.map((t) => t.join(" ")).join("; ");
  return `not medical content: ${entry.reason}`;
}

function card({ entry, paragraph }) {
  const box = el("section", { class: "draft", id: `draft-${entry.id}`, "aria-label": entry.id });
  const editor = el("textarea", { rows: 8, cols: 70, "aria-label": `edit ${entry.id}`, hidden: true });
  editor.value = editable(entry);
  const accept = () => {
    if (editor.hidden) return judge(entry.id, { action: "accept" }, box);
    let edit;
    try { edit = JSON.parse(editor.value); } catch (error) { said(`${entry.id}: not JSON: ${error.message}`); return; }
    return judge(entry.id, { action: "accept", edit }, box);
  };
  box.append(
    el("h3", {}, entry.id, entry.confidence !== undefined ? ` (confidence ${entry.confidence})` : ""),
    sentence(paragraph),
    el("p", { class: "what" }, what(entry)),
    el("p", {}, `certainty: ${entry.certainty || "-"}; cues: ${(entry.cues || []).join(", ") || "none"}`),
    editor,
    el("div", { class: "actions" },
      el("button", { type: "button", onclick: accept }, "Accept"),
      el("button", { type: "button", onclick: () => { editor.hidden = !editor.hidden; } }, "Edit"),
      el("button", { type: "button", onclick: () => judge(entry.id, { action: "reject" }, box) }, "Reject")),
  );
  return box;
}

function sourceCard(entry) {
  const box = el("section", { class: "draft", id: "draft-source", "aria-label": "source entry" });
  const rows = Object.entries(entry).map(([key, value]) => el("li", {}, `${key}: ${JSON.stringify(value)}`));
  box.append(
    el("h3", {}, "The text's sources.yaml entry"),
    el("ul", {}, ...rows),
    el("div", { class: "actions" },
      el("button", { type: "button", onclick: () => judge("source", { action: "accept" }, box) }, "Accept"),
      el("button", { type: "button", onclick: () => judge("source", { action: "reject" }, box) }, "Reject")),
  );
  return box;
}

async function main() {
  try {
    await loadCommon();
    const listing = await getJSON(`/api/curate/${encodeURIComponent(sourceId)}`);
    $("curate-title").textContent = `Drafts of ${listing.source}`;
    const drafts = $("drafts");
    if (listing.source_entry) drafts.append(sourceCard(listing.source_entry));
    for (const draft of listing.drafts) drafts.append(card(draft));
    said(`${listing.drafts.length} drafts to judge`);
  } catch (error) {
    $("curate-title").textContent = "No drafts";
    said(error.message);
  }
}

main();
