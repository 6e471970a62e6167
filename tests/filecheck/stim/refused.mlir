// RUN: not qckpt convert %s --emit stim 2>&1 | filecheck %s
// A gate controlled by a measurement must be a Pauli for stim.

builtin.module {
  func.func @main() {
    %r = qc.alloc "q" : !qc.reg<2>
    %a = qc.qubit %r[0 : i64] : !qc.reg<2>
    %b = qc.qubit %r[1 : i64] : !qc.reg<2>
    %m = qc.measure %a
    scf.if %m {
      qc.gate "h" %b
    } else {
    }
    qc.output "m" %m : i1
    func.return
  }
}

// CHECK: error: gate 'h' controlled by a measurement result (only Pauli gates can be): the stim backend cannot lower it (run it with --backend qir-runner)
