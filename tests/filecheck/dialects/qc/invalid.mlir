// RUN: xdsl-opt %s --verify-diagnostics --split-input-file | filecheck %s

%q = qc.alloc "q" : !qc.reg<2>
%q0 = qc.qubit %q[0] : !qc.reg<2>
qc.gate "foo" %q0
// CHECK: unknown gate 'foo'

// -----

%q = qc.alloc "q" : !qc.reg<2>
%q0 = qc.qubit %q[0] : !qc.reg<2>
qc.gate "cx" %q0
// CHECK: gate 'cx' acts on 2 qubit(s), but 1 were given

// -----

%q = qc.alloc "q" : !qc.reg<2>
%q0 = qc.qubit %q[0] : !qc.reg<2>
qc.gate "rz" %q0
// CHECK: gate 'rz' takes 1 parameter(s), but 0 were given

// -----

%q = qc.alloc "q" : !qc.reg<2>
%q0 = qc.qubit %q[0] : !qc.reg<2>
qc.gate "cx" %q0, %q0
// CHECK: gate 'cx' uses the same qubit more than once

// -----

// Two separate references to the same qubit are still the same qubit.
%q = qc.alloc "q" : !qc.reg<2>
%a = qc.qubit %q[1] : !qc.reg<2>
%b = qc.qubit %q[1] : !qc.reg<2>
qc.gate "cz" %a, %b
// CHECK: gate 'cz' uses the same qubit more than once

// -----

%q = qc.alloc "q" : !qc.reg<2>
%q5 = qc.qubit %q[5] : !qc.reg<2>
// CHECK: qubit index 5 is out of range for a register of 2 qubits

// -----

%q = qc.alloc "q" : !qc.reg<0>
// CHECK: register 'q' must hold at least one qubit, not 0

// -----

%t = arith.constant true
%n = arith.constant 3 : i64
qc.output "mixed" %t, %n : i1, i64
// CHECK: output 'mixed' mixes value types
