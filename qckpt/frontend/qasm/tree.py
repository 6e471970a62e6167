"""Small readers of lark parse trees: where a subtree starts (for error
locations), which tokens and names it holds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lark import Token, Tree


def first_token(node: Any) -> Token | None:
    """The first token of a subtree, for its location."""
    # Iterative: it locates errors about nesting too deep for recursion.
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Token):
            return n
        if isinstance(n, Tree):
            stack.extend(reversed(n.children))
    return None


def iter_tokens(node: Any) -> Iterator[Token]:
    if isinstance(node, Token):
        yield node
    elif isinstance(node, Tree):
        for c in node.children:
            yield from iter_tokens(c)


def subtrees(node: Any) -> Iterator[Tree]:
    if isinstance(node, Tree):
        yield node
        for c in node.children:
            yield from subtrees(c)


def names_in(node: Any) -> set[str]:
    """Every variable name an expression mentions."""
    return {name_of(t) for t in iter_tokens(node) if t.type in ("NAME", "INDEXED")}



def name_of(tok: Token) -> str:
    """The variable name of a NAME or INDEXED token."""
    v = str(tok)
    return v[: v.index("[")] if tok.type == "INDEXED" else v



def base_token(e: Any) -> Token | None:
    """The variable a selection expression starts from: ``q``, ``q[1]``, ``q[1:2]``."""
    if isinstance(e, Tree) and e.data in ("name", "indexed"):
        return e.children[0]
    if isinstance(e, Tree) and e.data == "index":
        return base_token(e.children[0]) if e.children[0].data == "name" else None
    return None
