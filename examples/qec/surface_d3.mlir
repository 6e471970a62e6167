// surface_code:rotated_memory_z, distance 3, 9 rounds: stim.Circuit.generated, imported by examples/qec/generate.py
builtin.module {
  func.func @main() {
    %0 = qc.alloc "q" : !qc.reg<26>
    %1 = qc.qubit %0[0 : i64] : !qc.reg<26>
    %2 = qc.qubit %0[1 : i64] : !qc.reg<26>
    %3 = qc.qubit %0[2 : i64] : !qc.reg<26>
    %4 = qc.qubit %0[3 : i64] : !qc.reg<26>
    %5 = qc.qubit %0[4 : i64] : !qc.reg<26>
    %6 = qc.qubit %0[5 : i64] : !qc.reg<26>
    %7 = qc.qubit %0[6 : i64] : !qc.reg<26>
    %8 = qc.qubit %0[7 : i64] : !qc.reg<26>
    %9 = qc.qubit %0[8 : i64] : !qc.reg<26>
    %10 = qc.qubit %0[9 : i64] : !qc.reg<26>
    %11 = qc.qubit %0[10 : i64] : !qc.reg<26>
    %12 = qc.qubit %0[11 : i64] : !qc.reg<26>
    %13 = qc.qubit %0[12 : i64] : !qc.reg<26>
    %14 = qc.qubit %0[13 : i64] : !qc.reg<26>
    %15 = qc.qubit %0[14 : i64] : !qc.reg<26>
    %16 = qc.qubit %0[15 : i64] : !qc.reg<26>
    %17 = qc.qubit %0[16 : i64] : !qc.reg<26>
    %18 = qc.qubit %0[17 : i64] : !qc.reg<26>
    %19 = qc.qubit %0[18 : i64] : !qc.reg<26>
    %20 = qc.qubit %0[19 : i64] : !qc.reg<26>
    %21 = qc.qubit %0[20 : i64] : !qc.reg<26>
    %22 = qc.qubit %0[21 : i64] : !qc.reg<26>
    %23 = qc.qubit %0[22 : i64] : !qc.reg<26>
    %24 = qc.qubit %0[23 : i64] : !qc.reg<26>
    %25 = qc.qubit %0[24 : i64] : !qc.reg<26>
    %26 = qc.qubit %0[25 : i64] : !qc.reg<26>
    qc.reset %2
    qc.reset %4
    qc.reset %6
    qc.reset %9
    qc.reset %11
    qc.reset %13
    qc.reset %16
    qc.reset %18
    qc.reset %20
    qc.reset %3
    qc.reset %10
    qc.reset %12
    qc.reset %14
    qc.reset %15
    qc.reset %17
    qc.reset %19
    qc.reset %26
    qc.gate "h" %3
    qc.gate "h" %12
    qc.gate "h" %17
    qc.gate "h" %26
    qc.gate "cx" %3, %4
    qc.gate "cx" %17, %18
    qc.gate "cx" %12, %13
    qc.gate "cx" %16, %15
    qc.gate "cx" %11, %10
    qc.gate "cx" %20, %19
    qc.gate "cx" %3, %2
    qc.gate "cx" %17, %16
    qc.gate "cx" %12, %11
    qc.gate "cx" %9, %15
    qc.gate "cx" %4, %10
    qc.gate "cx" %13, %19
    qc.gate "cx" %17, %11
    qc.gate "cx" %12, %6
    qc.gate "cx" %26, %20
    qc.gate "cx" %9, %10
    qc.gate "cx" %18, %19
    qc.gate "cx" %13, %14
    qc.gate "cx" %17, %9
    qc.gate "cx" %12, %4
    qc.gate "cx" %26, %18
    qc.gate "cx" %2, %10
    qc.gate "cx" %11, %19
    qc.gate "cx" %6, %14
    qc.gate "h" %3
    qc.gate "h" %12
    qc.gate "h" %17
    qc.gate "h" %26
    %27 = qc.measure %3
    qc.reset %3
    %28 = qc.measure %10
    qc.reset %10
    %29 = qc.measure %12
    qc.reset %12
    %30 = qc.measure %14
    qc.reset %14
    %31 = qc.measure %15
    qc.reset %15
    %32 = qc.measure %17
    qc.reset %17
    %33 = qc.measure %19
    qc.reset %19
    %34 = qc.measure %26
    qc.reset %26
    ckpt.detector [%31] coords [0.0, 4.0, 0.0]
    ckpt.detector [%28] coords [2.0, 2.0, 0.0]
    ckpt.detector [%33] coords [4.0, 4.0, 0.0]
    ckpt.detector [%30] coords [6.0, 2.0, 0.0]
    %35 = arith.constant 0 : index
    %36 = arith.constant 8 : index
    %37 = arith.constant 1 : index
    %38, %39, %40, %41, %42, %43, %44, %45 = scf.for %46 = %35 to %36 step %37 iter_args(%47 = %27, %48 = %28, %49 = %29, %50 = %30, %51 = %31, %52 = %32, %53 = %33, %54 = %34) -> (i1, i1, i1, i1, i1, i1, i1, i1) {
      qc.gate "h" %3
      qc.gate "h" %12
      qc.gate "h" %17
      qc.gate "h" %26
      qc.gate "cx" %3, %4
      qc.gate "cx" %17, %18
      qc.gate "cx" %12, %13
      qc.gate "cx" %16, %15
      qc.gate "cx" %11, %10
      qc.gate "cx" %20, %19
      qc.gate "cx" %3, %2
      qc.gate "cx" %17, %16
      qc.gate "cx" %12, %11
      qc.gate "cx" %9, %15
      qc.gate "cx" %4, %10
      qc.gate "cx" %13, %19
      qc.gate "cx" %17, %11
      qc.gate "cx" %12, %6
      qc.gate "cx" %26, %20
      qc.gate "cx" %9, %10
      qc.gate "cx" %18, %19
      qc.gate "cx" %13, %14
      qc.gate "cx" %17, %9
      qc.gate "cx" %12, %4
      qc.gate "cx" %26, %18
      qc.gate "cx" %2, %10
      qc.gate "cx" %11, %19
      qc.gate "cx" %6, %14
      qc.gate "h" %3
      qc.gate "h" %12
      qc.gate "h" %17
      qc.gate "h" %26
      %55 = qc.measure %3
      qc.reset %3
      %56 = qc.measure %10
      qc.reset %10
      %57 = qc.measure %12
      qc.reset %12
      %58 = qc.measure %14
      qc.reset %14
      %59 = qc.measure %15
      qc.reset %15
      %60 = qc.measure %17
      qc.reset %17
      %61 = qc.measure %19
      qc.reset %19
      %62 = qc.measure %26
      qc.reset %26
      ckpt.detector [%55, %47] coords [2.0, 0.0, 0.0]
      ckpt.detector [%56, %48] coords [2.0, 2.0, 0.0]
      ckpt.detector [%57, %49] coords [4.0, 2.0, 0.0]
      ckpt.detector [%58, %50] coords [6.0, 2.0, 0.0]
      ckpt.detector [%59, %51] coords [0.0, 4.0, 0.0]
      ckpt.detector [%60, %52] coords [2.0, 4.0, 0.0]
      ckpt.detector [%61, %53] coords [4.0, 4.0, 0.0]
      ckpt.detector [%62, %54] coords [4.0, 6.0, 0.0]
      scf.yield %55, %56, %57, %58, %59, %60, %61, %62 : i1, i1, i1, i1, i1, i1, i1, i1
    }
    %63 = qc.measure %2
    %64 = qc.measure %4
    %65 = qc.measure %6
    %66 = qc.measure %9
    %67 = qc.measure %11
    %68 = qc.measure %13
    %69 = qc.measure %16
    %70 = qc.measure %18
    %71 = qc.measure %20
    ckpt.detector [%69, %66, %42] coords [0.0, 4.0, 1.0]
    ckpt.detector [%67, %66, %64, %63, %39] coords [2.0, 2.0, 1.0]
    ckpt.detector [%71, %70, %68, %67, %44] coords [4.0, 4.0, 1.0]
    ckpt.detector [%68, %65, %41] coords [6.0, 2.0, 1.0]
    ckpt.observable 0 [%65, %64, %63]
    %72 = arith.xori %65, %64 : i1
    %73 = arith.xori %72, %63 : i1
    qc.output "logical" %73 : i1
    func.return
  }
}
