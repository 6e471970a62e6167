// repetition_code:memory, distance 11, 33 rounds: stim.Circuit.generated, imported by examples/qec/generate.py
builtin.module {
  func.func @main() {
    %0 = qc.alloc "q" : !qc.reg<21>
    %1 = qc.qubit %0[0 : i64] : !qc.reg<21>
    %2 = qc.qubit %0[1 : i64] : !qc.reg<21>
    %3 = qc.qubit %0[2 : i64] : !qc.reg<21>
    %4 = qc.qubit %0[3 : i64] : !qc.reg<21>
    %5 = qc.qubit %0[4 : i64] : !qc.reg<21>
    %6 = qc.qubit %0[5 : i64] : !qc.reg<21>
    %7 = qc.qubit %0[6 : i64] : !qc.reg<21>
    %8 = qc.qubit %0[7 : i64] : !qc.reg<21>
    %9 = qc.qubit %0[8 : i64] : !qc.reg<21>
    %10 = qc.qubit %0[9 : i64] : !qc.reg<21>
    %11 = qc.qubit %0[10 : i64] : !qc.reg<21>
    %12 = qc.qubit %0[11 : i64] : !qc.reg<21>
    %13 = qc.qubit %0[12 : i64] : !qc.reg<21>
    %14 = qc.qubit %0[13 : i64] : !qc.reg<21>
    %15 = qc.qubit %0[14 : i64] : !qc.reg<21>
    %16 = qc.qubit %0[15 : i64] : !qc.reg<21>
    %17 = qc.qubit %0[16 : i64] : !qc.reg<21>
    %18 = qc.qubit %0[17 : i64] : !qc.reg<21>
    %19 = qc.qubit %0[18 : i64] : !qc.reg<21>
    %20 = qc.qubit %0[19 : i64] : !qc.reg<21>
    %21 = qc.qubit %0[20 : i64] : !qc.reg<21>
    qc.reset %1
    qc.reset %2
    qc.reset %3
    qc.reset %4
    qc.reset %5
    qc.reset %6
    qc.reset %7
    qc.reset %8
    qc.reset %9
    qc.reset %10
    qc.reset %11
    qc.reset %12
    qc.reset %13
    qc.reset %14
    qc.reset %15
    qc.reset %16
    qc.reset %17
    qc.reset %18
    qc.reset %19
    qc.reset %20
    qc.reset %21
    qc.gate "cx" %1, %2
    qc.gate "cx" %3, %4
    qc.gate "cx" %5, %6
    qc.gate "cx" %7, %8
    qc.gate "cx" %9, %10
    qc.gate "cx" %11, %12
    qc.gate "cx" %13, %14
    qc.gate "cx" %15, %16
    qc.gate "cx" %17, %18
    qc.gate "cx" %19, %20
    qc.gate "cx" %3, %2
    qc.gate "cx" %5, %4
    qc.gate "cx" %7, %6
    qc.gate "cx" %9, %8
    qc.gate "cx" %11, %10
    qc.gate "cx" %13, %12
    qc.gate "cx" %15, %14
    qc.gate "cx" %17, %16
    qc.gate "cx" %19, %18
    qc.gate "cx" %21, %20
    %22 = qc.measure %2
    qc.reset %2
    %23 = qc.measure %4
    qc.reset %4
    %24 = qc.measure %6
    qc.reset %6
    %25 = qc.measure %8
    qc.reset %8
    %26 = qc.measure %10
    qc.reset %10
    %27 = qc.measure %12
    qc.reset %12
    %28 = qc.measure %14
    qc.reset %14
    %29 = qc.measure %16
    qc.reset %16
    %30 = qc.measure %18
    qc.reset %18
    %31 = qc.measure %20
    qc.reset %20
    ckpt.detector [%22] coords [1.0, 0.0]
    ckpt.detector [%23] coords [3.0, 0.0]
    ckpt.detector [%24] coords [5.0, 0.0]
    ckpt.detector [%25] coords [7.0, 0.0]
    ckpt.detector [%26] coords [9.0, 0.0]
    ckpt.detector [%27] coords [11.0, 0.0]
    ckpt.detector [%28] coords [13.0, 0.0]
    ckpt.detector [%29] coords [15.0, 0.0]
    ckpt.detector [%30] coords [17.0, 0.0]
    ckpt.detector [%31] coords [19.0, 0.0]
    %32 = arith.constant 0 : index
    %33 = arith.constant 32 : index
    %34 = arith.constant 1 : index
    %35, %36, %37, %38, %39, %40, %41, %42, %43, %44 = scf.for %45 = %32 to %33 step %34 iter_args(%46 = %22, %47 = %23, %48 = %24, %49 = %25, %50 = %26, %51 = %27, %52 = %28, %53 = %29, %54 = %30, %55 = %31) -> (i1, i1, i1, i1, i1, i1, i1, i1, i1, i1) {
      qc.gate "cx" %1, %2
      qc.gate "cx" %3, %4
      qc.gate "cx" %5, %6
      qc.gate "cx" %7, %8
      qc.gate "cx" %9, %10
      qc.gate "cx" %11, %12
      qc.gate "cx" %13, %14
      qc.gate "cx" %15, %16
      qc.gate "cx" %17, %18
      qc.gate "cx" %19, %20
      qc.gate "cx" %3, %2
      qc.gate "cx" %5, %4
      qc.gate "cx" %7, %6
      qc.gate "cx" %9, %8
      qc.gate "cx" %11, %10
      qc.gate "cx" %13, %12
      qc.gate "cx" %15, %14
      qc.gate "cx" %17, %16
      qc.gate "cx" %19, %18
      qc.gate "cx" %21, %20
      %56 = qc.measure %2
      qc.reset %2
      %57 = qc.measure %4
      qc.reset %4
      %58 = qc.measure %6
      qc.reset %6
      %59 = qc.measure %8
      qc.reset %8
      %60 = qc.measure %10
      qc.reset %10
      %61 = qc.measure %12
      qc.reset %12
      %62 = qc.measure %14
      qc.reset %14
      %63 = qc.measure %16
      qc.reset %16
      %64 = qc.measure %18
      qc.reset %18
      %65 = qc.measure %20
      qc.reset %20
      ckpt.detector [%56, %46] coords [1.0, 0.0]
      ckpt.detector [%57, %47] coords [3.0, 0.0]
      ckpt.detector [%58, %48] coords [5.0, 0.0]
      ckpt.detector [%59, %49] coords [7.0, 0.0]
      ckpt.detector [%60, %50] coords [9.0, 0.0]
      ckpt.detector [%61, %51] coords [11.0, 0.0]
      ckpt.detector [%62, %52] coords [13.0, 0.0]
      ckpt.detector [%63, %53] coords [15.0, 0.0]
      ckpt.detector [%64, %54] coords [17.0, 0.0]
      ckpt.detector [%65, %55] coords [19.0, 0.0]
      scf.yield %56, %57, %58, %59, %60, %61, %62, %63, %64, %65 : i1, i1, i1, i1, i1, i1, i1, i1, i1, i1
    }
    %66 = qc.measure %1
    %67 = qc.measure %3
    %68 = qc.measure %5
    %69 = qc.measure %7
    %70 = qc.measure %9
    %71 = qc.measure %11
    %72 = qc.measure %13
    %73 = qc.measure %15
    %74 = qc.measure %17
    %75 = qc.measure %19
    %76 = qc.measure %21
    ckpt.detector [%67, %66, %35] coords [1.0, 1.0]
    ckpt.detector [%68, %67, %36] coords [3.0, 1.0]
    ckpt.detector [%69, %68, %37] coords [5.0, 1.0]
    ckpt.detector [%70, %69, %38] coords [7.0, 1.0]
    ckpt.detector [%71, %70, %39] coords [9.0, 1.0]
    ckpt.detector [%72, %71, %40] coords [11.0, 1.0]
    ckpt.detector [%73, %72, %41] coords [13.0, 1.0]
    ckpt.detector [%74, %73, %42] coords [15.0, 1.0]
    ckpt.detector [%75, %74, %43] coords [17.0, 1.0]
    ckpt.detector [%76, %75, %44] coords [19.0, 1.0]
    ckpt.observable 0 [%76]
    qc.output "logical" %76 : i1
    func.return
  }
}
