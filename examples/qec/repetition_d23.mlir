// repetition_code:memory, distance 23, 69 rounds: stim.Circuit.generated, imported by examples/qec/generate.py
builtin.module {
  func.func @main() {
    %0 = qc.alloc "q" : !qc.reg<45>
    %1 = qc.qubit %0[0 : i64] : !qc.reg<45>
    %2 = qc.qubit %0[1 : i64] : !qc.reg<45>
    %3 = qc.qubit %0[2 : i64] : !qc.reg<45>
    %4 = qc.qubit %0[3 : i64] : !qc.reg<45>
    %5 = qc.qubit %0[4 : i64] : !qc.reg<45>
    %6 = qc.qubit %0[5 : i64] : !qc.reg<45>
    %7 = qc.qubit %0[6 : i64] : !qc.reg<45>
    %8 = qc.qubit %0[7 : i64] : !qc.reg<45>
    %9 = qc.qubit %0[8 : i64] : !qc.reg<45>
    %10 = qc.qubit %0[9 : i64] : !qc.reg<45>
    %11 = qc.qubit %0[10 : i64] : !qc.reg<45>
    %12 = qc.qubit %0[11 : i64] : !qc.reg<45>
    %13 = qc.qubit %0[12 : i64] : !qc.reg<45>
    %14 = qc.qubit %0[13 : i64] : !qc.reg<45>
    %15 = qc.qubit %0[14 : i64] : !qc.reg<45>
    %16 = qc.qubit %0[15 : i64] : !qc.reg<45>
    %17 = qc.qubit %0[16 : i64] : !qc.reg<45>
    %18 = qc.qubit %0[17 : i64] : !qc.reg<45>
    %19 = qc.qubit %0[18 : i64] : !qc.reg<45>
    %20 = qc.qubit %0[19 : i64] : !qc.reg<45>
    %21 = qc.qubit %0[20 : i64] : !qc.reg<45>
    %22 = qc.qubit %0[21 : i64] : !qc.reg<45>
    %23 = qc.qubit %0[22 : i64] : !qc.reg<45>
    %24 = qc.qubit %0[23 : i64] : !qc.reg<45>
    %25 = qc.qubit %0[24 : i64] : !qc.reg<45>
    %26 = qc.qubit %0[25 : i64] : !qc.reg<45>
    %27 = qc.qubit %0[26 : i64] : !qc.reg<45>
    %28 = qc.qubit %0[27 : i64] : !qc.reg<45>
    %29 = qc.qubit %0[28 : i64] : !qc.reg<45>
    %30 = qc.qubit %0[29 : i64] : !qc.reg<45>
    %31 = qc.qubit %0[30 : i64] : !qc.reg<45>
    %32 = qc.qubit %0[31 : i64] : !qc.reg<45>
    %33 = qc.qubit %0[32 : i64] : !qc.reg<45>
    %34 = qc.qubit %0[33 : i64] : !qc.reg<45>
    %35 = qc.qubit %0[34 : i64] : !qc.reg<45>
    %36 = qc.qubit %0[35 : i64] : !qc.reg<45>
    %37 = qc.qubit %0[36 : i64] : !qc.reg<45>
    %38 = qc.qubit %0[37 : i64] : !qc.reg<45>
    %39 = qc.qubit %0[38 : i64] : !qc.reg<45>
    %40 = qc.qubit %0[39 : i64] : !qc.reg<45>
    %41 = qc.qubit %0[40 : i64] : !qc.reg<45>
    %42 = qc.qubit %0[41 : i64] : !qc.reg<45>
    %43 = qc.qubit %0[42 : i64] : !qc.reg<45>
    %44 = qc.qubit %0[43 : i64] : !qc.reg<45>
    %45 = qc.qubit %0[44 : i64] : !qc.reg<45>
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
    qc.reset %42
    qc.reset %43
    qc.reset %44
    qc.reset %45
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
    qc.gate "cx" %41, %42
    qc.gate "cx" %43, %44
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
    qc.gate "cx" %43, %42
    qc.gate "cx" %45, %44
    %46 = qc.measure %2
    qc.reset %2
    %47 = qc.measure %4
    qc.reset %4
    %48 = qc.measure %6
    qc.reset %6
    %49 = qc.measure %8
    qc.reset %8
    %50 = qc.measure %10
    qc.reset %10
    %51 = qc.measure %12
    qc.reset %12
    %52 = qc.measure %14
    qc.reset %14
    %53 = qc.measure %16
    qc.reset %16
    %54 = qc.measure %18
    qc.reset %18
    %55 = qc.measure %20
    qc.reset %20
    %56 = qc.measure %22
    qc.reset %22
    %57 = qc.measure %24
    qc.reset %24
    %58 = qc.measure %26
    qc.reset %26
    %59 = qc.measure %28
    qc.reset %28
    %60 = qc.measure %30
    qc.reset %30
    %61 = qc.measure %32
    qc.reset %32
    %62 = qc.measure %34
    qc.reset %34
    %63 = qc.measure %36
    qc.reset %36
    %64 = qc.measure %38
    qc.reset %38
    %65 = qc.measure %40
    qc.reset %40
    %66 = qc.measure %42
    qc.reset %42
    %67 = qc.measure %44
    qc.reset %44
    ckpt.detector [%46] coords [1.0, 0.0]
    ckpt.detector [%47] coords [3.0, 0.0]
    ckpt.detector [%48] coords [5.0, 0.0]
    ckpt.detector [%49] coords [7.0, 0.0]
    ckpt.detector [%50] coords [9.0, 0.0]
    ckpt.detector [%51] coords [11.0, 0.0]
    ckpt.detector [%52] coords [13.0, 0.0]
    ckpt.detector [%53] coords [15.0, 0.0]
    ckpt.detector [%54] coords [17.0, 0.0]
    ckpt.detector [%55] coords [19.0, 0.0]
    ckpt.detector [%56] coords [21.0, 0.0]
    ckpt.detector [%57] coords [23.0, 0.0]
    ckpt.detector [%58] coords [25.0, 0.0]
    ckpt.detector [%59] coords [27.0, 0.0]
    ckpt.detector [%60] coords [29.0, 0.0]
    ckpt.detector [%61] coords [31.0, 0.0]
    ckpt.detector [%62] coords [33.0, 0.0]
    ckpt.detector [%63] coords [35.0, 0.0]
    ckpt.detector [%64] coords [37.0, 0.0]
    ckpt.detector [%65] coords [39.0, 0.0]
    ckpt.detector [%66] coords [41.0, 0.0]
    ckpt.detector [%67] coords [43.0, 0.0]
    %68 = arith.constant 0 : index
    %69 = arith.constant 68 : index
    %70 = arith.constant 1 : index
    %71, %72, %73, %74, %75, %76, %77, %78, %79, %80, %81, %82, %83, %84, %85, %86, %87, %88, %89, %90, %91, %92 = scf.for %93 = %68 to %69 step %70 iter_args(%94 = %46, %95 = %47, %96 = %48, %97 = %49, %98 = %50, %99 = %51, %100 = %52, %101 = %53, %102 = %54, %103 = %55, %104 = %56, %105 = %57, %106 = %58, %107 = %59, %108 = %60, %109 = %61, %110 = %62, %111 = %63, %112 = %64, %113 = %65, %114 = %66, %115 = %67) -> (i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1) {
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
      qc.gate "cx" %41, %42
      qc.gate "cx" %43, %44
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
      qc.gate "cx" %43, %42
      qc.gate "cx" %45, %44
      %116 = qc.measure %2
      qc.reset %2
      %117 = qc.measure %4
      qc.reset %4
      %118 = qc.measure %6
      qc.reset %6
      %119 = qc.measure %8
      qc.reset %8
      %120 = qc.measure %10
      qc.reset %10
      %121 = qc.measure %12
      qc.reset %12
      %122 = qc.measure %14
      qc.reset %14
      %123 = qc.measure %16
      qc.reset %16
      %124 = qc.measure %18
      qc.reset %18
      %125 = qc.measure %20
      qc.reset %20
      %126 = qc.measure %22
      qc.reset %22
      %127 = qc.measure %24
      qc.reset %24
      %128 = qc.measure %26
      qc.reset %26
      %129 = qc.measure %28
      qc.reset %28
      %130 = qc.measure %30
      qc.reset %30
      %131 = qc.measure %32
      qc.reset %32
      %132 = qc.measure %34
      qc.reset %34
      %133 = qc.measure %36
      qc.reset %36
      %134 = qc.measure %38
      qc.reset %38
      %135 = qc.measure %40
      qc.reset %40
      %136 = qc.measure %42
      qc.reset %42
      %137 = qc.measure %44
      qc.reset %44
      ckpt.detector [%116, %94] coords [1.0, 0.0]
      ckpt.detector [%117, %95] coords [3.0, 0.0]
      ckpt.detector [%118, %96] coords [5.0, 0.0]
      ckpt.detector [%119, %97] coords [7.0, 0.0]
      ckpt.detector [%120, %98] coords [9.0, 0.0]
      ckpt.detector [%121, %99] coords [11.0, 0.0]
      ckpt.detector [%122, %100] coords [13.0, 0.0]
      ckpt.detector [%123, %101] coords [15.0, 0.0]
      ckpt.detector [%124, %102] coords [17.0, 0.0]
      ckpt.detector [%125, %103] coords [19.0, 0.0]
      ckpt.detector [%126, %104] coords [21.0, 0.0]
      ckpt.detector [%127, %105] coords [23.0, 0.0]
      ckpt.detector [%128, %106] coords [25.0, 0.0]
      ckpt.detector [%129, %107] coords [27.0, 0.0]
      ckpt.detector [%130, %108] coords [29.0, 0.0]
      ckpt.detector [%131, %109] coords [31.0, 0.0]
      ckpt.detector [%132, %110] coords [33.0, 0.0]
      ckpt.detector [%133, %111] coords [35.0, 0.0]
      ckpt.detector [%134, %112] coords [37.0, 0.0]
      ckpt.detector [%135, %113] coords [39.0, 0.0]
      ckpt.detector [%136, %114] coords [41.0, 0.0]
      ckpt.detector [%137, %115] coords [43.0, 0.0]
      scf.yield %116, %117, %118, %119, %120, %121, %122, %123, %124, %125, %126, %127, %128, %129, %130, %131, %132, %133, %134, %135, %136, %137 : i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1
    }
    %138 = qc.measure %1
    %139 = qc.measure %3
    %140 = qc.measure %5
    %141 = qc.measure %7
    %142 = qc.measure %9
    %143 = qc.measure %11
    %144 = qc.measure %13
    %145 = qc.measure %15
    %146 = qc.measure %17
    %147 = qc.measure %19
    %148 = qc.measure %21
    %149 = qc.measure %23
    %150 = qc.measure %25
    %151 = qc.measure %27
    %152 = qc.measure %29
    %153 = qc.measure %31
    %154 = qc.measure %33
    %155 = qc.measure %35
    %156 = qc.measure %37
    %157 = qc.measure %39
    %158 = qc.measure %41
    %159 = qc.measure %43
    %160 = qc.measure %45
    ckpt.detector [%139, %138, %71] coords [1.0, 1.0]
    ckpt.detector [%140, %139, %72] coords [3.0, 1.0]
    ckpt.detector [%141, %140, %73] coords [5.0, 1.0]
    ckpt.detector [%142, %141, %74] coords [7.0, 1.0]
    ckpt.detector [%143, %142, %75] coords [9.0, 1.0]
    ckpt.detector [%144, %143, %76] coords [11.0, 1.0]
    ckpt.detector [%145, %144, %77] coords [13.0, 1.0]
    ckpt.detector [%146, %145, %78] coords [15.0, 1.0]
    ckpt.detector [%147, %146, %79] coords [17.0, 1.0]
    ckpt.detector [%148, %147, %80] coords [19.0, 1.0]
    ckpt.detector [%149, %148, %81] coords [21.0, 1.0]
    ckpt.detector [%150, %149, %82] coords [23.0, 1.0]
    ckpt.detector [%151, %150, %83] coords [25.0, 1.0]
    ckpt.detector [%152, %151, %84] coords [27.0, 1.0]
    ckpt.detector [%153, %152, %85] coords [29.0, 1.0]
    ckpt.detector [%154, %153, %86] coords [31.0, 1.0]
    ckpt.detector [%155, %154, %87] coords [33.0, 1.0]
    ckpt.detector [%156, %155, %88] coords [35.0, 1.0]
    ckpt.detector [%157, %156, %89] coords [37.0, 1.0]
    ckpt.detector [%158, %157, %90] coords [39.0, 1.0]
    ckpt.detector [%159, %158, %91] coords [41.0, 1.0]
    ckpt.detector [%160, %159, %92] coords [43.0, 1.0]
    ckpt.observable 0 [%160]
    qc.output "logical" %160 : i1
    func.return
  }
}
