// repetition_code:memory, distance 21, 63 rounds: stim.Circuit.generated, imported by examples/qec/generate.py
builtin.module {
  func.func @main() {
    %0 = qc.alloc "q" : !qc.reg<41>
    %1 = qc.qubit %0[0 : i64] : !qc.reg<41>
    %2 = qc.qubit %0[1 : i64] : !qc.reg<41>
    %3 = qc.qubit %0[2 : i64] : !qc.reg<41>
    %4 = qc.qubit %0[3 : i64] : !qc.reg<41>
    %5 = qc.qubit %0[4 : i64] : !qc.reg<41>
    %6 = qc.qubit %0[5 : i64] : !qc.reg<41>
    %7 = qc.qubit %0[6 : i64] : !qc.reg<41>
    %8 = qc.qubit %0[7 : i64] : !qc.reg<41>
    %9 = qc.qubit %0[8 : i64] : !qc.reg<41>
    %10 = qc.qubit %0[9 : i64] : !qc.reg<41>
    %11 = qc.qubit %0[10 : i64] : !qc.reg<41>
    %12 = qc.qubit %0[11 : i64] : !qc.reg<41>
    %13 = qc.qubit %0[12 : i64] : !qc.reg<41>
    %14 = qc.qubit %0[13 : i64] : !qc.reg<41>
    %15 = qc.qubit %0[14 : i64] : !qc.reg<41>
    %16 = qc.qubit %0[15 : i64] : !qc.reg<41>
    %17 = qc.qubit %0[16 : i64] : !qc.reg<41>
    %18 = qc.qubit %0[17 : i64] : !qc.reg<41>
    %19 = qc.qubit %0[18 : i64] : !qc.reg<41>
    %20 = qc.qubit %0[19 : i64] : !qc.reg<41>
    %21 = qc.qubit %0[20 : i64] : !qc.reg<41>
    %22 = qc.qubit %0[21 : i64] : !qc.reg<41>
    %23 = qc.qubit %0[22 : i64] : !qc.reg<41>
    %24 = qc.qubit %0[23 : i64] : !qc.reg<41>
    %25 = qc.qubit %0[24 : i64] : !qc.reg<41>
    %26 = qc.qubit %0[25 : i64] : !qc.reg<41>
    %27 = qc.qubit %0[26 : i64] : !qc.reg<41>
    %28 = qc.qubit %0[27 : i64] : !qc.reg<41>
    %29 = qc.qubit %0[28 : i64] : !qc.reg<41>
    %30 = qc.qubit %0[29 : i64] : !qc.reg<41>
    %31 = qc.qubit %0[30 : i64] : !qc.reg<41>
    %32 = qc.qubit %0[31 : i64] : !qc.reg<41>
    %33 = qc.qubit %0[32 : i64] : !qc.reg<41>
    %34 = qc.qubit %0[33 : i64] : !qc.reg<41>
    %35 = qc.qubit %0[34 : i64] : !qc.reg<41>
    %36 = qc.qubit %0[35 : i64] : !qc.reg<41>
    %37 = qc.qubit %0[36 : i64] : !qc.reg<41>
    %38 = qc.qubit %0[37 : i64] : !qc.reg<41>
    %39 = qc.qubit %0[38 : i64] : !qc.reg<41>
    %40 = qc.qubit %0[39 : i64] : !qc.reg<41>
    %41 = qc.qubit %0[40 : i64] : !qc.reg<41>
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
    qc.reset %38
    qc.reset %39
    qc.reset %40
    qc.reset %41
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
    qc.gate "cx" %37, %38
    qc.gate "cx" %39, %40
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
    qc.gate "cx" %39, %38
    qc.gate "cx" %41, %40
    %42 = qc.measure %2
    qc.reset %2
    %43 = qc.measure %4
    qc.reset %4
    %44 = qc.measure %6
    qc.reset %6
    %45 = qc.measure %8
    qc.reset %8
    %46 = qc.measure %10
    qc.reset %10
    %47 = qc.measure %12
    qc.reset %12
    %48 = qc.measure %14
    qc.reset %14
    %49 = qc.measure %16
    qc.reset %16
    %50 = qc.measure %18
    qc.reset %18
    %51 = qc.measure %20
    qc.reset %20
    %52 = qc.measure %22
    qc.reset %22
    %53 = qc.measure %24
    qc.reset %24
    %54 = qc.measure %26
    qc.reset %26
    %55 = qc.measure %28
    qc.reset %28
    %56 = qc.measure %30
    qc.reset %30
    %57 = qc.measure %32
    qc.reset %32
    %58 = qc.measure %34
    qc.reset %34
    %59 = qc.measure %36
    qc.reset %36
    %60 = qc.measure %38
    qc.reset %38
    %61 = qc.measure %40
    qc.reset %40
    ckpt.detector [%42] coords [1.0, 0.0]
    ckpt.detector [%43] coords [3.0, 0.0]
    ckpt.detector [%44] coords [5.0, 0.0]
    ckpt.detector [%45] coords [7.0, 0.0]
    ckpt.detector [%46] coords [9.0, 0.0]
    ckpt.detector [%47] coords [11.0, 0.0]
    ckpt.detector [%48] coords [13.0, 0.0]
    ckpt.detector [%49] coords [15.0, 0.0]
    ckpt.detector [%50] coords [17.0, 0.0]
    ckpt.detector [%51] coords [19.0, 0.0]
    ckpt.detector [%52] coords [21.0, 0.0]
    ckpt.detector [%53] coords [23.0, 0.0]
    ckpt.detector [%54] coords [25.0, 0.0]
    ckpt.detector [%55] coords [27.0, 0.0]
    ckpt.detector [%56] coords [29.0, 0.0]
    ckpt.detector [%57] coords [31.0, 0.0]
    ckpt.detector [%58] coords [33.0, 0.0]
    ckpt.detector [%59] coords [35.0, 0.0]
    ckpt.detector [%60] coords [37.0, 0.0]
    ckpt.detector [%61] coords [39.0, 0.0]
    %62 = arith.constant 0 : index
    %63 = arith.constant 62 : index
    %64 = arith.constant 1 : index
    %65, %66, %67, %68, %69, %70, %71, %72, %73, %74, %75, %76, %77, %78, %79, %80, %81, %82, %83, %84 = scf.for %85 = %62 to %63 step %64 iter_args(%86 = %42, %87 = %43, %88 = %44, %89 = %45, %90 = %46, %91 = %47, %92 = %48, %93 = %49, %94 = %50, %95 = %51, %96 = %52, %97 = %53, %98 = %54, %99 = %55, %100 = %56, %101 = %57, %102 = %58, %103 = %59, %104 = %60, %105 = %61) -> (i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1) {
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
      qc.gate "cx" %37, %38
      qc.gate "cx" %39, %40
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
      qc.gate "cx" %39, %38
      qc.gate "cx" %41, %40
      %106 = qc.measure %2
      qc.reset %2
      %107 = qc.measure %4
      qc.reset %4
      %108 = qc.measure %6
      qc.reset %6
      %109 = qc.measure %8
      qc.reset %8
      %110 = qc.measure %10
      qc.reset %10
      %111 = qc.measure %12
      qc.reset %12
      %112 = qc.measure %14
      qc.reset %14
      %113 = qc.measure %16
      qc.reset %16
      %114 = qc.measure %18
      qc.reset %18
      %115 = qc.measure %20
      qc.reset %20
      %116 = qc.measure %22
      qc.reset %22
      %117 = qc.measure %24
      qc.reset %24
      %118 = qc.measure %26
      qc.reset %26
      %119 = qc.measure %28
      qc.reset %28
      %120 = qc.measure %30
      qc.reset %30
      %121 = qc.measure %32
      qc.reset %32
      %122 = qc.measure %34
      qc.reset %34
      %123 = qc.measure %36
      qc.reset %36
      %124 = qc.measure %38
      qc.reset %38
      %125 = qc.measure %40
      qc.reset %40
      ckpt.detector [%106, %86] coords [1.0, 0.0]
      ckpt.detector [%107, %87] coords [3.0, 0.0]
      ckpt.detector [%108, %88] coords [5.0, 0.0]
      ckpt.detector [%109, %89] coords [7.0, 0.0]
      ckpt.detector [%110, %90] coords [9.0, 0.0]
      ckpt.detector [%111, %91] coords [11.0, 0.0]
      ckpt.detector [%112, %92] coords [13.0, 0.0]
      ckpt.detector [%113, %93] coords [15.0, 0.0]
      ckpt.detector [%114, %94] coords [17.0, 0.0]
      ckpt.detector [%115, %95] coords [19.0, 0.0]
      ckpt.detector [%116, %96] coords [21.0, 0.0]
      ckpt.detector [%117, %97] coords [23.0, 0.0]
      ckpt.detector [%118, %98] coords [25.0, 0.0]
      ckpt.detector [%119, %99] coords [27.0, 0.0]
      ckpt.detector [%120, %100] coords [29.0, 0.0]
      ckpt.detector [%121, %101] coords [31.0, 0.0]
      ckpt.detector [%122, %102] coords [33.0, 0.0]
      ckpt.detector [%123, %103] coords [35.0, 0.0]
      ckpt.detector [%124, %104] coords [37.0, 0.0]
      ckpt.detector [%125, %105] coords [39.0, 0.0]
      scf.yield %106, %107, %108, %109, %110, %111, %112, %113, %114, %115, %116, %117, %118, %119, %120, %121, %122, %123, %124, %125 : i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1
    }
    %126 = qc.measure %1
    %127 = qc.measure %3
    %128 = qc.measure %5
    %129 = qc.measure %7
    %130 = qc.measure %9
    %131 = qc.measure %11
    %132 = qc.measure %13
    %133 = qc.measure %15
    %134 = qc.measure %17
    %135 = qc.measure %19
    %136 = qc.measure %21
    %137 = qc.measure %23
    %138 = qc.measure %25
    %139 = qc.measure %27
    %140 = qc.measure %29
    %141 = qc.measure %31
    %142 = qc.measure %33
    %143 = qc.measure %35
    %144 = qc.measure %37
    %145 = qc.measure %39
    %146 = qc.measure %41
    ckpt.detector [%127, %126, %65] coords [1.0, 1.0]
    ckpt.detector [%128, %127, %66] coords [3.0, 1.0]
    ckpt.detector [%129, %128, %67] coords [5.0, 1.0]
    ckpt.detector [%130, %129, %68] coords [7.0, 1.0]
    ckpt.detector [%131, %130, %69] coords [9.0, 1.0]
    ckpt.detector [%132, %131, %70] coords [11.0, 1.0]
    ckpt.detector [%133, %132, %71] coords [13.0, 1.0]
    ckpt.detector [%134, %133, %72] coords [15.0, 1.0]
    ckpt.detector [%135, %134, %73] coords [17.0, 1.0]
    ckpt.detector [%136, %135, %74] coords [19.0, 1.0]
    ckpt.detector [%137, %136, %75] coords [21.0, 1.0]
    ckpt.detector [%138, %137, %76] coords [23.0, 1.0]
    ckpt.detector [%139, %138, %77] coords [25.0, 1.0]
    ckpt.detector [%140, %139, %78] coords [27.0, 1.0]
    ckpt.detector [%141, %140, %79] coords [29.0, 1.0]
    ckpt.detector [%142, %141, %80] coords [31.0, 1.0]
    ckpt.detector [%143, %142, %81] coords [33.0, 1.0]
    ckpt.detector [%144, %143, %82] coords [35.0, 1.0]
    ckpt.detector [%145, %144, %83] coords [37.0, 1.0]
    ckpt.detector [%146, %145, %84] coords [39.0, 1.0]
    ckpt.observable 0 [%146]
    qc.output "logical" %146 : i1
    func.return
  }
}
