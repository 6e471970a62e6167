// repetition_code:memory, distance 19, 57 rounds: stim.Circuit.generated, imported by examples/qec/generate.py
builtin.module {
  func.func @main() {
    %0 = qc.alloc "q" : !qc.reg<37>
    %1 = qc.qubit %0[0 : i64] : !qc.reg<37>
    %2 = qc.qubit %0[1 : i64] : !qc.reg<37>
    %3 = qc.qubit %0[2 : i64] : !qc.reg<37>
    %4 = qc.qubit %0[3 : i64] : !qc.reg<37>
    %5 = qc.qubit %0[4 : i64] : !qc.reg<37>
    %6 = qc.qubit %0[5 : i64] : !qc.reg<37>
    %7 = qc.qubit %0[6 : i64] : !qc.reg<37>
    %8 = qc.qubit %0[7 : i64] : !qc.reg<37>
    %9 = qc.qubit %0[8 : i64] : !qc.reg<37>
    %10 = qc.qubit %0[9 : i64] : !qc.reg<37>
    %11 = qc.qubit %0[10 : i64] : !qc.reg<37>
    %12 = qc.qubit %0[11 : i64] : !qc.reg<37>
    %13 = qc.qubit %0[12 : i64] : !qc.reg<37>
    %14 = qc.qubit %0[13 : i64] : !qc.reg<37>
    %15 = qc.qubit %0[14 : i64] : !qc.reg<37>
    %16 = qc.qubit %0[15 : i64] : !qc.reg<37>
    %17 = qc.qubit %0[16 : i64] : !qc.reg<37>
    %18 = qc.qubit %0[17 : i64] : !qc.reg<37>
    %19 = qc.qubit %0[18 : i64] : !qc.reg<37>
    %20 = qc.qubit %0[19 : i64] : !qc.reg<37>
    %21 = qc.qubit %0[20 : i64] : !qc.reg<37>
    %22 = qc.qubit %0[21 : i64] : !qc.reg<37>
    %23 = qc.qubit %0[22 : i64] : !qc.reg<37>
    %24 = qc.qubit %0[23 : i64] : !qc.reg<37>
    %25 = qc.qubit %0[24 : i64] : !qc.reg<37>
    %26 = qc.qubit %0[25 : i64] : !qc.reg<37>
    %27 = qc.qubit %0[26 : i64] : !qc.reg<37>
    %28 = qc.qubit %0[27 : i64] : !qc.reg<37>
    %29 = qc.qubit %0[28 : i64] : !qc.reg<37>
    %30 = qc.qubit %0[29 : i64] : !qc.reg<37>
    %31 = qc.qubit %0[30 : i64] : !qc.reg<37>
    %32 = qc.qubit %0[31 : i64] : !qc.reg<37>
    %33 = qc.qubit %0[32 : i64] : !qc.reg<37>
    %34 = qc.qubit %0[33 : i64] : !qc.reg<37>
    %35 = qc.qubit %0[34 : i64] : !qc.reg<37>
    %36 = qc.qubit %0[35 : i64] : !qc.reg<37>
    %37 = qc.qubit %0[36 : i64] : !qc.reg<37>
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
    qc.reset %22
    qc.reset %23
    qc.reset %24
    qc.reset %25
    qc.reset %26
    qc.reset %27
    qc.reset %28
    qc.reset %29
    qc.reset %30
    qc.reset %31
    qc.reset %32
    qc.reset %33
    qc.reset %34
    qc.reset %35
    qc.reset %36
    qc.reset %37
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
    qc.gate "cx" %21, %22
    qc.gate "cx" %23, %24
    qc.gate "cx" %25, %26
    qc.gate "cx" %27, %28
    qc.gate "cx" %29, %30
    qc.gate "cx" %31, %32
    qc.gate "cx" %33, %34
    qc.gate "cx" %35, %36
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
    qc.gate "cx" %23, %22
    qc.gate "cx" %25, %24
    qc.gate "cx" %27, %26
    qc.gate "cx" %29, %28
    qc.gate "cx" %31, %30
    qc.gate "cx" %33, %32
    qc.gate "cx" %35, %34
    qc.gate "cx" %37, %36
    %38 = qc.measure %2
    qc.reset %2
    %39 = qc.measure %4
    qc.reset %4
    %40 = qc.measure %6
    qc.reset %6
    %41 = qc.measure %8
    qc.reset %8
    %42 = qc.measure %10
    qc.reset %10
    %43 = qc.measure %12
    qc.reset %12
    %44 = qc.measure %14
    qc.reset %14
    %45 = qc.measure %16
    qc.reset %16
    %46 = qc.measure %18
    qc.reset %18
    %47 = qc.measure %20
    qc.reset %20
    %48 = qc.measure %22
    qc.reset %22
    %49 = qc.measure %24
    qc.reset %24
    %50 = qc.measure %26
    qc.reset %26
    %51 = qc.measure %28
    qc.reset %28
    %52 = qc.measure %30
    qc.reset %30
    %53 = qc.measure %32
    qc.reset %32
    %54 = qc.measure %34
    qc.reset %34
    %55 = qc.measure %36
    qc.reset %36
    ckpt.detector [%38] coords [1.0, 0.0]
    ckpt.detector [%39] coords [3.0, 0.0]
    ckpt.detector [%40] coords [5.0, 0.0]
    ckpt.detector [%41] coords [7.0, 0.0]
    ckpt.detector [%42] coords [9.0, 0.0]
    ckpt.detector [%43] coords [11.0, 0.0]
    ckpt.detector [%44] coords [13.0, 0.0]
    ckpt.detector [%45] coords [15.0, 0.0]
    ckpt.detector [%46] coords [17.0, 0.0]
    ckpt.detector [%47] coords [19.0, 0.0]
    ckpt.detector [%48] coords [21.0, 0.0]
    ckpt.detector [%49] coords [23.0, 0.0]
    ckpt.detector [%50] coords [25.0, 0.0]
    ckpt.detector [%51] coords [27.0, 0.0]
    ckpt.detector [%52] coords [29.0, 0.0]
    ckpt.detector [%53] coords [31.0, 0.0]
    ckpt.detector [%54] coords [33.0, 0.0]
    ckpt.detector [%55] coords [35.0, 0.0]
    %56 = arith.constant 0 : index
    %57 = arith.constant 56 : index
    %58 = arith.constant 1 : index
    %59, %60, %61, %62, %63, %64, %65, %66, %67, %68, %69, %70, %71, %72, %73, %74, %75, %76 = scf.for %77 = %56 to %57 step %58 iter_args(%78 = %38, %79 = %39, %80 = %40, %81 = %41, %82 = %42, %83 = %43, %84 = %44, %85 = %45, %86 = %46, %87 = %47, %88 = %48, %89 = %49, %90 = %50, %91 = %51, %92 = %52, %93 = %53, %94 = %54, %95 = %55) -> (i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1) {
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
      qc.gate "cx" %21, %22
      qc.gate "cx" %23, %24
      qc.gate "cx" %25, %26
      qc.gate "cx" %27, %28
      qc.gate "cx" %29, %30
      qc.gate "cx" %31, %32
      qc.gate "cx" %33, %34
      qc.gate "cx" %35, %36
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
      qc.gate "cx" %23, %22
      qc.gate "cx" %25, %24
      qc.gate "cx" %27, %26
      qc.gate "cx" %29, %28
      qc.gate "cx" %31, %30
      qc.gate "cx" %33, %32
      qc.gate "cx" %35, %34
      qc.gate "cx" %37, %36
      %96 = qc.measure %2
      qc.reset %2
      %97 = qc.measure %4
      qc.reset %4
      %98 = qc.measure %6
      qc.reset %6
      %99 = qc.measure %8
      qc.reset %8
      %100 = qc.measure %10
      qc.reset %10
      %101 = qc.measure %12
      qc.reset %12
      %102 = qc.measure %14
      qc.reset %14
      %103 = qc.measure %16
      qc.reset %16
      %104 = qc.measure %18
      qc.reset %18
      %105 = qc.measure %20
      qc.reset %20
      %106 = qc.measure %22
      qc.reset %22
      %107 = qc.measure %24
      qc.reset %24
      %108 = qc.measure %26
      qc.reset %26
      %109 = qc.measure %28
      qc.reset %28
      %110 = qc.measure %30
      qc.reset %30
      %111 = qc.measure %32
      qc.reset %32
      %112 = qc.measure %34
      qc.reset %34
      %113 = qc.measure %36
      qc.reset %36
      ckpt.detector [%96, %78] coords [1.0, 0.0]
      ckpt.detector [%97, %79] coords [3.0, 0.0]
      ckpt.detector [%98, %80] coords [5.0, 0.0]
      ckpt.detector [%99, %81] coords [7.0, 0.0]
      ckpt.detector [%100, %82] coords [9.0, 0.0]
      ckpt.detector [%101, %83] coords [11.0, 0.0]
      ckpt.detector [%102, %84] coords [13.0, 0.0]
      ckpt.detector [%103, %85] coords [15.0, 0.0]
      ckpt.detector [%104, %86] coords [17.0, 0.0]
      ckpt.detector [%105, %87] coords [19.0, 0.0]
      ckpt.detector [%106, %88] coords [21.0, 0.0]
      ckpt.detector [%107, %89] coords [23.0, 0.0]
      ckpt.detector [%108, %90] coords [25.0, 0.0]
      ckpt.detector [%109, %91] coords [27.0, 0.0]
      ckpt.detector [%110, %92] coords [29.0, 0.0]
      ckpt.detector [%111, %93] coords [31.0, 0.0]
      ckpt.detector [%112, %94] coords [33.0, 0.0]
      ckpt.detector [%113, %95] coords [35.0, 0.0]
      scf.yield %96, %97, %98, %99, %100, %101, %102, %103, %104, %105, %106, %107, %108, %109, %110, %111, %112, %113 : i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1
    }
    %114 = qc.measure %1
    %115 = qc.measure %3
    %116 = qc.measure %5
    %117 = qc.measure %7
    %118 = qc.measure %9
    %119 = qc.measure %11
    %120 = qc.measure %13
    %121 = qc.measure %15
    %122 = qc.measure %17
    %123 = qc.measure %19
    %124 = qc.measure %21
    %125 = qc.measure %23
    %126 = qc.measure %25
    %127 = qc.measure %27
    %128 = qc.measure %29
    %129 = qc.measure %31
    %130 = qc.measure %33
    %131 = qc.measure %35
    %132 = qc.measure %37
    ckpt.detector [%115, %114, %59] coords [1.0, 1.0]
    ckpt.detector [%116, %115, %60] coords [3.0, 1.0]
    ckpt.detector [%117, %116, %61] coords [5.0, 1.0]
    ckpt.detector [%118, %117, %62] coords [7.0, 1.0]
    ckpt.detector [%119, %118, %63] coords [9.0, 1.0]
    ckpt.detector [%120, %119, %64] coords [11.0, 1.0]
    ckpt.detector [%121, %120, %65] coords [13.0, 1.0]
    ckpt.detector [%122, %121, %66] coords [15.0, 1.0]
    ckpt.detector [%123, %122, %67] coords [17.0, 1.0]
    ckpt.detector [%124, %123, %68] coords [19.0, 1.0]
    ckpt.detector [%125, %124, %69] coords [21.0, 1.0]
    ckpt.detector [%126, %125, %70] coords [23.0, 1.0]
    ckpt.detector [%127, %126, %71] coords [25.0, 1.0]
    ckpt.detector [%128, %127, %72] coords [27.0, 1.0]
    ckpt.detector [%129, %128, %73] coords [29.0, 1.0]
    ckpt.detector [%130, %129, %74] coords [31.0, 1.0]
    ckpt.detector [%131, %130, %75] coords [33.0, 1.0]
    ckpt.detector [%132, %131, %76] coords [35.0, 1.0]
    ckpt.observable 0 [%132]
    qc.output "logical" %132 : i1
    func.return
  }
}
