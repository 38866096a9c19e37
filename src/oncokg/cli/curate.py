"""`oncokg curate`: the curation assistant's drafts, and the curator's review, accept and reject."""

from pathlib import Path

import typer

from oncokg.cli.app import app
from oncokg.cli.options import RootOption, find_project

curate = typer.Typer(no_args_is_help=True, help="Draft facts from a new text; review, accept or reject the drafts.")
app.add_typer(curate, name="curate", rich_help_panel="Curate")


@curate.command()
def draft(
    text: Path = typer.Argument(..., help="The text to draft facts from (UTF-8)."),
    source_id: str = typer.Option(..., "--source-id", help="The source id the facts will name (kebab-case)."),
    out: Path | None = typer.Option(None, "--out", help="Draft file (default: data/facts/ID.draft.yaml; - prints it)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing draft file."),
    root: Path | None = RootOption,
) -> None:
    """Draft one fact per statement of the text, each with its quote, offsets, stance cues and confidence.

    Example: oncokg curate draft new-page.txt --source-id new-page
    """
    from oncokg.drafting.draft import draft_document, draft_file_text
    from oncokg.drafting.review import dump
    from oncokg.project import INDEX_FILE

    found = find_project(root)
    if out == Path("-"):
        typer.echo(dump(draft_file_text(text, source_id, found.facts_dir, found.build_dir / INDEX_FILE).as_document()))
        return
    target, drafts = draft_document(text, source_id, found.facts_dir, found.build_dir / INDEX_FILE, out, force)
    typer.echo(f"{target}: {len(drafts.drafts)} drafts, {len(drafts.proposals)} proposed entities")


@curate.command()
def review(source_id: str = typer.Argument(..., help="The source id drafted."), root: Path | None = RootOption) -> None:
    """List each pending draft beside its sentence: the source entry, the facts, the non-medical spans.

    Example: oncokg curate review new-page
    """
    from oncokg.drafting import review as review_mod

    document = review_mod.load(review_mod.draft_file(find_project(root).facts_dir, source_id))
    drafted = document.get("source_entry")
    if isinstance(drafted, dict) and isinstance(drafted.get("entry"), dict):
        typer.echo(f"{review_mod.SOURCE_ENTRY}  the sources.yaml entry (read from the text):")
        for key, value in drafted["entry"].items():
            typer.echo(f"    {key}: {value}")
    for fact in review_mod.pending(document):
        what = fact.get("node") or fact.get("triples")
        typer.echo(f"{fact['id']}  [{fact.get('confidence')}]  {fact.get('quote')!r}")
        typer.echo(f"    {what}  certainty={fact.get('certainty')}  cues={fact.get('cues') or 'none'}")
    for span in review_mod.pending(document, "non_medical"):
        typer.echo(f"{span['id']}  not medical ({span.get('reason')}): {span.get('quote')!r}")
    for entity in document.get("proposed_entities") or []:
        typer.echo(f"proposed entity {entity.get('text')!r} at {entity.get('at')}: {entity.get('suggested_class')}")


@curate.command()
def accept(
    source_id: str = typer.Argument(..., help="The source id drafted."),
    fact_ids: list[str] = typer.Argument(
        ..., help="Draft ids to accept, as they stand (edit the YAML first); 'source' registers the text."
    ),
    root: Path | None = RootOption,
) -> None:
    """Move drafts, as they stand, into the source's facts file ID.accepted.yaml; `source` appends the
    drafted entry to sources.yaml and copies the text beside the others.

    Example: oncokg curate accept new-page new-page-draft-1 new-page-draft-2
    """
    from oncokg.drafting import review as review_mod
    from oncokg.drafting.register import accept_source

    found = find_project(root)
    for fact_id in fact_ids:
        if fact_id == review_mod.SOURCE_ENTRY:
            target = accept_source(found.facts_dir, found.sources_dir, source_id)
        else:
            target = review_mod.accept(found.facts_dir, source_id, fact_id)
        typer.echo(f"accepted {fact_id} into {target}")


@curate.command()
def reject(
    source_id: str = typer.Argument(..., help="The source id drafted."),
    fact_ids: list[str] = typer.Argument(..., help="Draft ids to drop."),
    root: Path | None = RootOption,
) -> None:
    """Drop drafts from the draft file.

    Example: oncokg curate reject new-page new-page-draft-3
    """
    from oncokg.drafting import review as review_mod

    for fact_id in fact_ids:
        review_mod.reject(find_project(root).facts_dir, source_id, fact_id)
        typer.echo(f"rejected {fact_id}")
