// RUN: xdsl-opt %s -p 'qc-reuse-qubits{boundaries=false}' --split-input-file | filecheck %s

// The lower bound is one more than the degeneracy of the graph of qubits
// that must be live together (they share a gate, or each has an op that
// must precede one of the other's): a set where each qubit meets k others
// keeps k + 1 live at the first of them to end. A cycle forces 3.

// A cz ring of 5 with no h first: each qubit starts with a commuting run of
// two cz, so no qubit is known to start before another ends, and only the
// shared gates say who meets whom. Each qubit meets two others: bound 3,
// and 3 is reached.

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<5>
  %q0 = qc.qubit %q[0] : !qc.reg<5>
  %q1 = qc.qubit %q[1] : !qc.reg<5>
  %q2 = qc.qubit %q[2] : !qc.reg<5>
  %q3 = qc.qubit %q[3] : !qc.reg<5>
  %q4 = qc.qubit %q[4] : !qc.reg<5>
  qc.gate "cz" %q0, %q1
  qc.gate "cz" %q1, %q2
  qc.gate "cz" %q2, %q3
  qc.gate "cz" %q3, %q4
  qc.gate "cz" %q4, %q0
  %m0 = qc.measure %q0
  %m1 = qc.measure %q1
  %m2 = qc.measure %q2
  %m3 = qc.measure %q3
  %m4 = qc.measure %q4
  qc.output "c" %m0, %m1, %m2, %m3, %m4 : i1, i1, i1, i1, i1
  func.return
}

// CHECK:      qckpt.reuse = {logical = 5 : i64, width = 3 : i64, lower_bound = 3 : i64

// -----

// The same graph state on a path (a tree, no cycle) needs only 2: the
// bound says 2, and 2 is reached.

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<5>
  %q0 = qc.qubit %q[0] : !qc.reg<5>
  %q1 = qc.qubit %q[1] : !qc.reg<5>
  %q2 = qc.qubit %q[2] : !qc.reg<5>
  %q3 = qc.qubit %q[3] : !qc.reg<5>
  %q4 = qc.qubit %q[4] : !qc.reg<5>
  qc.gate "h" %q0
  qc.gate "h" %q1
  qc.gate "h" %q2
  qc.gate "h" %q3
  qc.gate "h" %q4
  qc.gate "cz" %q0, %q1
  qc.gate "cz" %q1, %q2
  qc.gate "cz" %q2, %q3
  qc.gate "cz" %q3, %q4
  %m0 = qc.measure %q0
  %m1 = qc.measure %q1
  %m2 = qc.measure %q2
  %m3 = qc.measure %q3
  %m4 = qc.measure %q4
  qc.output "c" %m0, %m1, %m2, %m3, %m4 : i1, i1, i1, i1, i1
  func.return
}

// CHECK:      qckpt.reuse = {logical = 5 : i64, width = 2 : i64, lower_bound = 2 : i64

// -----

// A ring of 4 with one chord: each qubit meets at least two others, none
// of which can be put off, so the bound is 3, and 3 is reached. With both
// chords (a complete graph on 4) each meets three others: 4, none reused.

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<4>
  %q0 = qc.qubit %q[0] : !qc.reg<4>
  %q1 = qc.qubit %q[1] : !qc.reg<4>
  %q2 = qc.qubit %q[2] : !qc.reg<4>
  %q3 = qc.qubit %q[3] : !qc.reg<4>
  qc.gate "h" %q0
  qc.gate "h" %q1
  qc.gate "h" %q2
  qc.gate "h" %q3
  qc.gate "cz" %q0, %q1
  qc.gate "cz" %q1, %q2
  qc.gate "cz" %q2, %q3
  qc.gate "cz" %q3, %q0
  qc.gate "cz" %q0, %q2
  %m0 = qc.measure %q0
  %m1 = qc.measure %q1
  %m2 = qc.measure %q2
  %m3 = qc.measure %q3
  qc.output "c" %m0, %m1, %m2, %m3 : i1, i1, i1, i1
  func.return
}

// CHECK:      qckpt.reuse = {logical = 4 : i64, width = 3 : i64, lower_bound = 3 : i64

// -----

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<4>
  %q0 = qc.qubit %q[0] : !qc.reg<4>
  %q1 = qc.qubit %q[1] : !qc.reg<4>
  %q2 = qc.qubit %q[2] : !qc.reg<4>
  %q3 = qc.qubit %q[3] : !qc.reg<4>
  qc.gate "h" %q0
  qc.gate "h" %q1
  qc.gate "h" %q2
  qc.gate "h" %q3
  qc.gate "cz" %q0, %q1
  qc.gate "cz" %q1, %q2
  qc.gate "cz" %q2, %q3
  qc.gate "cz" %q3, %q0
  qc.gate "cz" %q0, %q2
  qc.gate "cz" %q1, %q3
  %m0 = qc.measure %q0
  %m1 = qc.measure %q1
  %m2 = qc.measure %q2
  %m3 = qc.measure %q3
  qc.output "c" %m0, %m1, %m2, %m3 : i1, i1, i1, i1
  func.return
}

// CHECK:      qckpt.reuse = {logical = 4 : i64, width = 4 : i64, lower_bound = 4 : i64
