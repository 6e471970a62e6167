// RUN: xdsl-opt %s -p qc-decompose-to-target | filecheck %s
// Plain xdsl-opt sees the pass through the xdsl.universe entry point.

func.func @constant_angles() {
  %q = qc.alloc "q" : !qc.reg<2>
  %a = qc.qubit %q[0] : !qc.reg<2>
  %b = qc.qubit %q[1] : !qc.reg<2>
  %l = arith.constant 1.0 : f64
  qc.gate "cp"(%l) %a, %b
  qc.gate "id" %a
  qc.gate "h" %a
  func.return
}

// Constant angles fold: cp(1.0) needs +-0.5 and no float arithmetic.
// CHECK-LABEL: func.func @constant_angles
// CHECK-NOT:   arith.mulf
// CHECK:       qc.gate "rz"([[H:%.*]]) %a
// CHECK-NEXT:  qc.gate "cx" %a, %b
// CHECK-NEXT:  qc.gate "rz"([[MH:%.*]]) %b
// CHECK-NEXT:  qc.gate "cx" %a, %b
// CHECK-NEXT:  qc.gate "rz"([[H]]) %b
// The identity disappears; target gates are left alone.
// CHECK-NEXT:  qc.gate "h" %a
// CHECK-NEXT:  func.return

func.func @runtime_angle(%t: f64) {
  %q = qc.alloc "q" : !qc.reg<2>
  %a = qc.qubit %q[0] : !qc.reg<2>
  %b = qc.qubit %q[1] : !qc.reg<2>
  qc.gate "crz"(%t) %a, %b
  func.return
}

// An angle known only at run time becomes float arithmetic; the constants
// it needs sit at the top of the function.
// CHECK-LABEL: func.func @runtime_angle
// CHECK:       [[HALF:%.*]] = arith.constant 5.000000e-01 : f64
// CHECK:       [[P:%.*]] = arith.mulf %t, [[HALF]] : f64
// CHECK-NEXT:  [[M:%.*]] = arith.mulf %t, %{{.*}} : f64
// CHECK-NEXT:  qc.gate "rz"([[P]]) %b
// CHECK-NEXT:  qc.gate "cx" %a, %b
// CHECK-NEXT:  qc.gate "rz"([[M]]) %b
// CHECK-NEXT:  qc.gate "cx" %a, %b
// CHECK-NOT:   qc.gate "crz"

func.func @annotations_survive() {
  %q = qc.alloc "q" : !qc.reg<2>
  %a = qc.qubit %q[0] : !qc.reg<2>
  %b = qc.qubit %q[1] : !qc.reg<2>
  %t = arith.constant 0.3 : f64
  qc.gate "h" %a
  qc.gate "rx"(%t) %b {qasm.annotations = ["#pragma qckpt checkpoint"]}
  qc.gate "cp"(%t) %a, %b {qasm.annotations = ["@qckpt.checkpoint"]}
  func.return
}

// A checkpoint pragma on a decomposed gate moves to the first gate that
// replaces it: ckpt-insert{policy=annotated} looks for it there.
// CHECK-LABEL: func.func @annotations_survive
// CHECK:       qc.gate "h" %a{{$}}
// CHECK-NEXT:  qc.gate "h" %b {qasm.annotations = ["#pragma qckpt checkpoint"]}
// CHECK-NEXT:  qc.gate "rz"(%t) %b{{$}}
// CHECK-NEXT:  qc.gate "h" %b{{$}}
// CHECK-NEXT:  qc.gate "rz"(%{{.*}}) %a {qasm.annotations = ["@qckpt.checkpoint"]}
// CHECK-NEXT:  qc.gate "cx" %a, %b
