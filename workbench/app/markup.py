"""Data shown through Streamlit's Markdown (st.markdown, st.write of text, captions, subheaders, labels) is
escaped here first, so a name such as ``![](http://evil.example/x.png)`` is shown, never fetched or rendered."""

from __future__ import annotations

from typing import Any

from workbench.exports.safe import escape_markdown


def md(value: Any) -> str:
    """One value (a name, a key, an explanation) as Markdown that renders as itself, on one line."""
    return escape_markdown(value, inline=True)


def md_block(value: Any) -> str:
    """Free text (notes, explanations) as Markdown that renders as itself, keeping its line breaks."""
    return escape_markdown(value)
