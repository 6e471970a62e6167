"""Lowering OpenQASM arrays of classical scalars: ``array[T, n, ...]``
declarations with (nested) initialisers, constant and run-time indexing,
slices of the first dimension, ``sizeof``, assignment (element, row, slice,
whole array, all by copy) and ``readonly``/``mutable`` subroutine arguments.

An array is one scalar variable per element (``ArraySym``), so a constant
index is just that element. A run-time index becomes an explicit chain of
``arith.select`` over the elements (read) or one select per element (write):
no ``load``/``store``, so the program stays inside the Adaptive Profile, and
the cost is linear in the number of elements. That expansion is counted
through ``charge_expansion`` against the program's operation budget
(``--max-ops``, qckpt.frontend.qasm.limits), like unrolling and inlining.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lark import Token, Tree
from xdsl.dialects import arith
from xdsl.ir import SSAValue

from qckpt.frontend.qasm.state import LoweringState
from qckpt.frontend.qasm.symbols import CSym
from qckpt.frontend.qasm.values import INT, Dyn, QType, Val

@dataclass
class ArraySym:
    """An array (or a view of one: a row, a slice): its element type, its
    shape, and one scalar variable per element in row-major order. A view
    shares the elements of its array; ``readonly`` forbids writes through it."""

    elem: QType
    shape: tuple[int, ...]
    elems: list[CSym]
    readonly: bool = False

    def row(self, i: int) -> "ArraySym":
        stride = len(self.elems) // self.shape[0]
        return ArraySym(self.elem, self.shape[1:], self.elems[i * stride : (i + 1) * stride], self.readonly)


class ArrayLowering(LoweringState):
    """Arrays; see the module docstring."""

    def charge_expansion(self, n: int, node: Any) -> None:
        """Count ``n`` more scalar operations an array expands to (elements,
        run-time index selects) against the program's operation budget,
        before they are created."""
        self.spend(n, node)

    # ------------------------------------------------------------- declarations
    def array_type(self, ty: Tree, dims: list[Any], node: Any) -> tuple[QType, tuple[int, ...]]:
        elem = self.scalar_type(ty)
        if elem.is_register or elem.kind in ("duration", "stretch", "complex"):
            raise self.error(ty, f"arrays of {elem} are not supported (classical scalars: bool, bit, int, uint, float, angle)")
        shape = tuple(self.const_int(d, "an array dimension") for d in dims)
        for d, n in zip(dims, shape):
            if n < 1:
                raise self.error(d, f"an array dimension must be at least 1, not {n}")
        return elem, shape

    def new_array(self, name: str, elem: QType, shape: tuple[int, ...], node: Any) -> ArraySym:
        total = 1
        for n in shape:
            total *= n
        self.charge_expansion(total, node)
        zero = self.zero_of(elem)
        elems = []
        for i in range(total):
            key = self.fresh_key(f"{name}[{i}]")
            self.env[key] = zero
            elems.append(CSym(elem, [key]))
        return ArraySym(elem, shape, elems)

    def st_array_decl(self, st: Tree) -> None:
        _kw, ty, dims, name, *rest = st.children
        elem, shape = self.array_type(ty, list(dims.children), st)
        init = rest[1] if rest else None
        source = self.array_value(init) if init is not None else None  # before the name exists
        arr = self.new_array(str(name), elem, shape, st)
        self.declare(name, arr)
        if source is not None:
            self.copy_into(arr, source, init)

    def array_value(self, node: Any) -> Any:
        """An initialiser or right-hand side of array type: a nested literal
        (a tree of values) or an array reference (``ArraySym``)."""
        if isinstance(node, Tree) and node.data == "array_literal":
            return [self.array_value(c) for c in node.children]
        ref = self.array_ref(node)
        if ref is not None:
            return ref
        return self.eval(node)

    def copy_into(self, dst: ArraySym, src: Any, node: Any) -> None:
        """Assign by copy: all values are read before any is written, so
        overlapping slices of one array read the old values."""
        values = self._flat_values(src, dst.shape, node)
        for e, v in zip(dst.elems, values):
            self.assign(e, None, v, node)

    def _flat_values(self, src: Any, shape: tuple[int, ...], node: Any) -> list[Val]:
        if isinstance(src, ArraySym):
            if src.shape != shape:
                raise self.error(node, f"an array of shape {list(src.shape)} cannot be assigned to one of shape {list(shape)}")
            return [self.read(e, None, node) for e in src.elems]
        if isinstance(src, list):
            if not shape or len(src) != shape[0]:
                raise self.error(node, f"the initialiser has {len(src)} item(s) where the array's shape {list(shape)} needs {shape[0] if shape else 'a scalar'}")
            out: list[Val] = []
            for item in src:
                out.extend(self._flat_values(item, shape[1:], node))
            return out
        if shape:
            raise self.error(node, f"a scalar cannot initialise an array of shape {list(shape)}")
        return [src]

    # ------------------------------------------------------------- references
    def array_ref(self, node: Any) -> ArraySym | None:
        """The array (or view) an expression names, if it names one:
        ``a``, ``a[1]`` of a 2-D array, ``a[0:2]``, ``a[1, 0:1]``..."""
        if isinstance(node, Tree) and node.data == "name":
            sym = self.lookup(str(node.children[0]))
            return sym if isinstance(sym, ArraySym) else None
        if isinstance(node, Tree) and node.data == "indexed":
            text = str(node.children[0])
            sym = self.lookup(text[: text.index("[")])
            if isinstance(sym, ArraySym) and len(sym.shape) > 1:
                return self._select(sym, [int(text[text.index("[") + 1 : -1])], node)
            return None
        if isinstance(node, Tree) and node.data in ("index", "multi_index"):
            base = self.array_ref(node.children[0])
            if base is None:
                return None
            items = list(node.children[1:])
            view = self._view(base, items, node)
            return view if isinstance(view, ArraySym) else None
        return None

    def _view(self, arr: ArraySym, items: list[Any], node: Any) -> ArraySym | tuple[ArraySym, Val]:
        """Apply index items left to right. A constant index or a slice gives
        a view; a run-time index of the last dimension gives (the row, index)."""
        if len(items) > len(arr.shape):
            raise self.error(node, f"{len(items)} indices for an array of {len(arr.shape)} dimension(s)")
        if not items:
            return arr
        first, rest = items[0], items[1:]
        if isinstance(first, Tree) and first.data in ("range_expr", "index_set"):
            picks = self._slice_indices(arr.shape[0], first)
            rows = [arr.row(i) for i in picks]
            elems = [e for r in rows for e in r.elems]
            sliced = ArraySym(arr.elem, (len(picks),) + arr.shape[1:], elems, arr.readonly)
            if rest:
                raise self.error(node, "indices after a slice are not supported")
            return sliced
        i = first if isinstance(first, int) else self.eval(first)
        if isinstance(i, Dyn):
            if rest or len(arr.shape) != 1:
                return self._dynamic_row(arr, i, rest, node)
            return (arr, i)
        return self._view(self._select(arr, [i], first), rest, node)

    def _dynamic_row(self, arr: ArraySym, i: Dyn, rest: list[Any], node: Any) -> Any:
        """A run-time index that is not the last: flatten to (the whole array
        as 1-D, the run-time flat index)."""
        stride = len(arr.elems) // arr.shape[0]
        flat: Val = self.binary("*", i, stride, node)
        sub = arr.row(0)
        for k, item in enumerate(rest):
            j = self.eval(item)
            step = len(sub.elems) // sub.shape[0]
            if not isinstance(j, Dyn):
                self._check_index(sub.shape[0], j, item)
            flat = self.binary("+", flat, self.binary("*", j, step, node), node)
            sub = sub.row(0)
        if sub.shape:
            raise self.error(node, "a run-time index must select single elements here")
        flat_arr = ArraySym(arr.elem, (len(arr.elems),), arr.elems, arr.readonly)
        assert isinstance(flat, Dyn)
        return (flat_arr, flat)

    def _check_index(self, n: int, i: Any, node: Any) -> int:
        if isinstance(i, bool) or not isinstance(i, int):
            raise self.error(node, f"an array index must be an integer, not {i!r}")
        j = i + n if i < 0 else i  # negative indices count from the end
        if not 0 <= j < n:
            raise self.error(node, f"index {i} is out of range for a dimension of {n}")
        return j

    def _select(self, arr: ArraySym, idx: list[int], node: Any) -> ArraySym:
        for i in idx:
            arr = arr.row(self._check_index(arr.shape[0], i, node))
        return arr

    def _slice_indices(self, n: int, item: Tree) -> list[int]:
        if item.data == "index_set":
            return [self._check_index(n, self.const_int(e, "a slice index"), e) for e in item.children[0].children]
        parts: list[Any] = [None, None, None]
        pos = 0
        for c in item.children:
            if isinstance(c, Token) and c.type == "COLON":
                pos += 1
            else:
                parts[pos] = c
        if pos == 1:  # a:b
            start, stop, step = parts[0], parts[1], None
        else:  # a:s:b
            start, step, stop = parts[0], parts[1], parts[2]
        a = self.const_int(start, "a slice bound") if start is not None else 0
        b = self.const_int(stop, "a slice bound") if stop is not None else n - 1
        s = self.const_int(step, "a slice step") if step is not None else 1
        if s == 0:
            raise self.error(item, "a slice step cannot be 0")
        picks = list(range(a, b + 1, s)) if s > 0 else list(range(a, b - 1, s))  # OpenQASM ranges include their end
        for p in picks:
            self._check_index(n, p, item)
        return picks

    # ------------------------------------------------------------- expressions
    def array_element(self, node: Tree) -> Any:
        """``a[i]``/``a[i, j]`` of an array: (the element CSym) or
        (1-D array, run-time index), or None if ``node`` is not of an array."""
        base = self.array_ref(node.children[0])
        if base is None:
            return None
        got = self._view(base, list(node.children[1:]), node)
        if isinstance(got, ArraySym):
            if got.shape:
                return got  # a row or slice, used as a value: the caller reports it
            return got.elems[0]
        return got

    def read_array_element(self, node: Tree) -> Val | None:
        got = self.array_element(node)
        if got is None:
            return None
        if isinstance(got, CSym):
            return self.read(got, None, node)
        if isinstance(got, ArraySym):
            raise self.error(node, f"an array of shape {list(got.shape)} is not a scalar value here")
        arr, i = got
        n = len(arr.elems)
        self.charge_expansion(n, node)
        index = self.to_ssa(i, INT, node)
        values = [self.to_ssa(self.read(e, None, node), arr.elem, node) for e in arr.elems]
        result: SSAValue = values[0]
        for k in range(1, n):
            hit = self.b.cmpi("eq", index, self.b.const_i64(k))
            result = self.b.add(arith.SelectOp(hit, values[k], result)).results[0]
        return self.from_ssa(result, arr.elem)

    def ex_multi_index(self, e: Tree) -> Val:
        v = self.read_array_element(e)
        if v is None:
            raise self.error(e, "only arrays take several indices")
        return v

    def ex_index(self, e: Tree) -> Val:
        v = self.read_array_element(e)
        if v is not None:
            return v
        return super().ex_index(e)  # type: ignore[misc]

    def ex_indexed(self, e: Tree) -> Val:
        text = str(e.children[0])
        arr = self.lookup(text[: text.index("[")])
        if isinstance(arr, ArraySym):
            got = self._select(arr, [int(text[text.index("[") + 1 : -1])], e)
            if got.shape:
                raise self.error(e, f"an array of shape {list(got.shape)} is not a scalar value here")
            return self.read(got.elems[0], None, e)
        return super().ex_indexed(e)  # type: ignore[misc]

    def ex_name(self, e: Tree) -> Val:
        sym = self.lookup(str(e.children[0]))
        if isinstance(sym, ArraySym):
            raise self.error(e, f"'{e.children[0]}' is an array; index it for a value")
        return super().ex_name(e)  # type: ignore[misc]

    def array_sizeof(self, name_tok: Token, args: list[Any]) -> int:
        if len(args) not in (1, 2):
            raise self.error(name_tok, f"sizeof takes 1 or 2 arguments, but {len(args)} were given")
        arr = self.array_ref(args[0])
        if arr is None:
            raise self.error(args[0], "sizeof takes an array")
        dim = self.const_int(args[1], "a dimension of sizeof") if len(args) == 2 else 0
        if not 0 <= dim < len(arr.shape):
            raise self.error(args[1], f"dimension {dim} is out of range for an array of {len(arr.shape)} dimension(s)")
        return arr.shape[dim]

    def ex_call(self, e: Tree) -> Val:
        if str(e.children[0]) == "sizeof" and "sizeof" not in self.subs:
            args = e.children[1].children if len(e.children) > 1 else []
            return self.array_sizeof(e.children[0], args)
        return super().ex_call(e)  # type: ignore[misc]

    # ------------------------------------------------------------- assignment
    def st_assignment(self, st: Tree) -> None:
        target, op, value = st.children
        if not (isinstance(target, Tree) and target.data in ("name", "index", "multi_index", "indexed")) or not self._names_array(target):
            super().st_assignment(st)  # type: ignore[misc]
            return
        if isinstance(target, Tree) and target.data == "name":
            arr: Any = self.lookup(str(target.children[0]))
        elif target.data == "indexed":
            text = str(target.children[0])
            base = self.lookup(text[: text.index("[")])
            arr = self._view(base, [int(text[text.index("[") + 1 : -1])], target)
        else:
            arr = self.array_element(target)
        view = arr if isinstance(arr, ArraySym) else (arr[0] if isinstance(arr, tuple) else None)
        if view is not None and view.readonly or self._readonly_target(target):
            raise self.error(target, "cannot assign to a readonly array")
        if isinstance(arr, ArraySym):
            if str(op) != "=":
                raise self.error(st, f"'{op}' is not defined on arrays")
            self.copy_into(arr, self.array_value(value), value)
            return
        v = self.eval(value)
        if isinstance(arr, CSym):
            if str(op) != "=":
                v = self.binary(str(op)[:-1], self.read(arr, None, target), v, st)
            self.assign(arr, None, v, st)
            return
        flat, i = arr
        if str(op) != "=":
            v = self.binary(str(op)[:-1], self.read_array_element(target), v, st)
        n = len(flat.elems)
        self.charge_expansion(n, st)
        index = self.to_ssa(i, INT, st)
        new = self.to_ssa(v, flat.elem, st)
        for k, e in enumerate(flat.elems):
            hit = self.b.cmpi("eq", index, self.b.const_i64(k))
            self.env[e.keys[0]] = self.b.add(arith.SelectOp(hit, new, self.env[e.keys[0]])).results[0]

    def _names_array(self, target: Tree) -> bool:
        node = target
        while isinstance(node, Tree) and node.data in ("index", "multi_index"):
            node = node.children[0]
        if isinstance(node, Tree) and node.data == "indexed":
            text = str(node.children[0])
            return isinstance(self.lookup(text[: text.index("[")]), ArraySym)
        return isinstance(node, Tree) and node.data == "name" and isinstance(self.lookup(str(node.children[0])), ArraySym)

    def _readonly_target(self, target: Tree) -> bool:
        node = target
        while isinstance(node, Tree) and node.data in ("index", "multi_index"):
            node = node.children[0]
        name = str(node.children[0])
        sym = self.lookup(name[: name.index("[")] if "[" in name else name)
        return isinstance(sym, ArraySym) and sym.readonly

    # ------------------------------------------------------------- subroutines
    def array_argument(self, a: Any, spec: tuple[str, QType, tuple[int, ...] | int], aname: str, sub: str) -> ArraySym:
        """Bind an array argument by reference: ``readonly`` or ``mutable``,
        with its element type and either its shape or its number of dimensions."""
        access, elem, dims = spec
        arr = self.array_ref(a)
        if arr is None:
            raise self.error(a, f"argument '{aname}' of '{sub}' is an array")
        if arr.elem != elem:
            raise self.error(a, f"argument '{aname}' of '{sub}' is an array of {elem}, not of {arr.elem}")
        if isinstance(dims, int) and len(arr.shape) != dims or isinstance(dims, tuple) and arr.shape != dims:
            want = f"{dims} dimension(s)" if isinstance(dims, int) else f"shape {list(dims)}"
            raise self.error(a, f"argument '{aname}' of '{sub}' needs an array of {want}, not of shape {list(arr.shape)}")
        if access == "mutable" and arr.readonly:
            raise self.error(a, f"a readonly array cannot be passed as mutable argument '{aname}'")
        return ArraySym(arr.elem, arr.shape, arr.elems, arr.readonly or access == "readonly")

    def array_parameter(self, a: Tree) -> tuple[str, tuple[str, QType, tuple[int, ...] | int]]:
        access, _kw, ty, dims, name = a.children
        elem = self.scalar_type(ty)
        if isinstance(dims, Token):  # #dim=n
            spec: tuple[int, ...] | int = int(str(dims).split("=")[1])
        else:
            spec = tuple(self.const_int(d, "an array dimension") for d in dims.children)
        return str(name), (str(access), elem, spec)
