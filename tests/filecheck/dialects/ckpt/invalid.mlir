// RUN: xdsl-opt %s --verify-diagnostics --split-input-file | filecheck %s

ckpt.boundary 0 sometimes "x" []
// CHECK: boundary 0: unknown kind 'sometimes'; expected one of classicalized, algorithmic, layer, logical, user

// -----

%a = arith.constant true
%b = arith.constant false
ckpt.boundary 1 user "x" [%a as "m" : i1, %b as "m" : i1]
// CHECK: boundary 1: the name 'm' is persisted twice

// -----

%a = arith.constant true
ckpt.boundary 2 user "x" [%a as "" : i1]
// CHECK: boundary 2: a persisted value has an empty name

// -----

%f = arith.constant 1 : i32
ckpt.boundary 3 user "x" [%f as "f" : i32]
// CHECK: boundary 3: 'f' has type i32; a boundary persists i1, i64, index or f64

// -----

%q = qc.alloc "q" : !qc.reg<2>
%a = qc.qubit %q[1] : !qc.reg<2>
%b = qc.qubit %q[1] : !qc.reg<2>
ckpt.boundary 4 user "x" [] cut [%a, %b]
// CHECK: boundary 4: a qubit appears twice in the quantum cut

// -----

"ckpt.detector"() {operandSegmentSizes = array<i32: 0>} : () -> ()
// CHECK: detector: it needs at least one measured bit

// -----

%n = arith.constant 3 : i64
"ckpt.observable"(%n) <{index = 0 : i64}> : (i64) -> ()
// CHECK: i1
