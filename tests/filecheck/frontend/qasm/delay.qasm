// RUN: qckpt convert %s --emit mlir 2>/dev/null | filecheck %s
// RUN: qckpt convert %s --emit mlir 2>/dev/null | xdsl-opt | filecheck %s
// RUN: env PYTHONWARNINGS=default qckpt convert %s 2>&1 >/dev/null | filecheck %s --check-prefix=WARN
// RUN: qckpt convert %s 2>/dev/null | filecheck %s --check-prefix=QIR
// RUN: not qckpt convert --timing error %s 2>&1 | filecheck %s --check-prefix=ERR
// A delay stays a qc.delay (its duration folded into seconds and samples,
// stretches kept as terms) until emission drops it; a box keeps its body.
OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
stretch g;
duration t = 2 * 150ns + 0.2us;
h q[0];
delay[t] q[0];
delay[16dt + 1ms] q[1];
box[1us] {
  delay[g - 10ns] q;
  cx q[0], q[1];
}

// CHECK:      qc.gate "h" [[Q0:%.*]]
// CHECK-NEXT: qc.delay [[Q0]] seconds 5.000000e-07 : f64 samples 0.000000e+00 : f64 unresolved []
// CHECK-NEXT: qc.delay [[Q1:%[0-9]+]] seconds 1.000000e-03 : f64 samples 1.600000e+01 : f64 unresolved []
// CHECK-NEXT: qc.delay [[Q0]], [[Q1]] seconds -1.000000e-08 : f64 samples 0.000000e+00 : f64 unresolved ["1*stretch g"]
// CHECK-NEXT: qc.gate "cx" [[Q0]], [[Q1]]

// WARN: delay.qasm:16:5: warning: 1 box duration dropped (QIR has no timing; the first is here)
// WARN: delay.qasm:14:1: warning: 3 delays dropped (QIR has no timing; the first is here)

// QIR-NOT: delay
// QIR: call void @__quantum__qis__h__body
// QIR-NEXT: call void @__quantum__qis__cx__body

// ERR: delay.qasm:14:1: error: delay is timing, which QIR cannot express (--timing error)
