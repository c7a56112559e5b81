"""`workbench review list|accept|reject`: the queue of company pairs the resolver kept apart."""

from __future__ import annotations

import json

import typer

from workbench.settings import Settings


def register(app: typer.Typer) -> None:
    review = typer.Typer(help="Candidate pairs the resolver did not merge: list, accept (merge) or reject them.",
                         no_args_is_help=True)
    app.add_typer(review, name="review")

    @review.command("list")
    def review_list(limit: int = typer.Option(50, "--limit", help="How many pairs, best first."),
                    output: str = typer.Option("table", "--format", help="table or json.")) -> None:
        """Rank the pairs that may be one firm, with the reasons."""
        from workbench.ingest.review import load_candidates  # noqa: PLC0415
        from workbench.store.connect import open_gateway  # noqa: PLC0415

        with open_gateway(Settings.from_env()) as gateway:
            pairs = load_candidates(gateway, limit)
        if output == "json":
            typer.echo(json.dumps([c.to_dict() for c in pairs], indent=2, ensure_ascii=False))
            return
        if not pairs:
            typer.echo("the review queue is empty")
        for c in pairs:
            typer.echo(f"{c.score:.2f}\t{c.a}\t{c.b}\t{c.a_name} | {c.b_name}\t{'; '.join(c.reasons)}")

    @review.command("accept")
    def review_accept(a: str = typer.Argument(..., help="The entity key to keep."),
                      b: str = typer.Argument(..., help="The entity key merged into it."),
                      reason: str = typer.Option("", "--reason")) -> None:
        """Merge the pair; the decision is stored and applied again on every ingest."""
        from workbench.ingest.review import accept  # noqa: PLC0415
        from workbench.store.connect import open_gateway  # noqa: PLC0415

        with open_gateway(Settings.from_env()) as gateway:
            accept(gateway, a, b, reason=reason)
        typer.echo(f"merged {b} into {a}")

    @review.command("reject")
    def review_reject(a: str = typer.Argument(...), b: str = typer.Argument(...),
                      reason: str = typer.Option("", "--reason")) -> None:
        """Keep the pair apart; the decision is stored and the pair leaves the queue."""
        from workbench.ingest.review import reject  # noqa: PLC0415
        from workbench.store.connect import open_gateway  # noqa: PLC0415

        with open_gateway(Settings.from_env()) as gateway:
            reject(gateway, a, b, reason=reason)
        typer.echo(f"kept {a} and {b} apart")
