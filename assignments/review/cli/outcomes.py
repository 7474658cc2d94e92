"""`flask detector eval --from-outcomes`: the detector measured on what the defence panels found out."""

from __future__ import annotations

import click

from ..service.outcomes import FEW, evaluate


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def echo_outcomes(doubts_as: str | None) -> None:
    """Print AUROC, FPR and TPR at the threshold on the recorded defence outcomes."""
    found = evaluate(doubts_as)
    if found.figures is None:
        raise click.ClickException(
            f"no recorded defence outcome with a scored paper yet (abstained {found.abstained}, "
            f"without report {found.unmatched}, doubts left out {found.doubts})"
        )
    f = found.figures
    click.echo(
        f"labelled papers: {found.labelled} ({f['n_human']} authorship confirmed, {f['n_ai']} not confirmed)"
    )
    click.echo(
        f"AUROC {_fmt(f['auroc'])}  FPR at threshold {_fmt(f['fpr'])}  TPR at threshold {_fmt(f['tpr'])}"
    )
    click.echo(
        f"abstained: {found.abstained}; without report: {found.unmatched}; doubts left out: {found.doubts}"
    )
    if found.few:
        click.echo(f"warning: fewer than {FEW} labelled papers; these figures say little yet", err=True)
