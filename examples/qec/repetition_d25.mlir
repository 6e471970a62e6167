// repetition_code:memory, distance 25, 75 rounds: stim.Circuit.generated, imported by examples/qec/generate.py
builtin.module {
  func.func @main() {
    %0 = qc.alloc "q" : !qc.reg<49>
    %1 = qc.qubit %0[0 : i64] : !qc.reg<49>
    %2 = qc.qubit %0[1 : i64] : !qc.reg<49>
    %3 = qc.qubit %0[2 : i64] : !qc.reg<49>
    %4 = qc.qubit %0[3 : i64] : !qc.reg<49>
    %5 = qc.qubit %0[4 : i64] : !qc.reg<49>
    %6 = qc.qubit %0[5 : i64] : !qc.reg<49>
    %7 = qc.qubit %0[6 : i64] : !qc.reg<49>
    %8 = qc.qubit %0[7 : i64] : !qc.reg<49>
    %9 = qc.qubit %0[8 : i64] : !qc.reg<49>
    %10 = qc.qubit %0[9 : i64] : !qc.reg<49>
    %11 = qc.qubit %0[10 : i64] : !qc.reg<49>
    %12 = qc.qubit %0[11 : i64] : !qc.reg<49>
    %13 = qc.qubit %0[12 : i64] : !qc.reg<49>
    %14 = qc.qubit %0[13 : i64] : !qc.reg<49>
    %15 = qc.qubit %0[14 : i64] : !qc.reg<49>
    %16 = qc.qubit %0[15 : i64] : !qc.reg<49>
    %17 = qc.qubit %0[16 : i64] : !qc.reg<49>
    %18 = qc.qubit %0[17 : i64] : !qc.reg<49>
    %19 = qc.qubit %0[18 : i64] : !qc.reg<49>
    %20 = qc.qubit %0[19 : i64] : !qc.reg<49>
    %21 = qc.qubit %0[20 : i64] : !qc.reg<49>
    %22 = qc.qubit %0[21 : i64] : !qc.reg<49>
    %23 = qc.qubit %0[22 : i64] : !qc.reg<49>
    %24 = qc.qubit %0[23 : i64] : !qc.reg<49>
    %25 = qc.qubit %0[24 : i64] : !qc.reg<49>
    %26 = qc.qubit %0[25 : i64] : !qc.reg<49>
    %27 = qc.qubit %0[26 : i64] : !qc.reg<49>
    %28 = qc.qubit %0[27 : i64] : !qc.reg<49>
    %29 = qc.qubit %0[28 : i64] : !qc.reg<49>
    %30 = qc.qubit %0[29 : i64] : !qc.reg<49>
    %31 = qc.qubit %0[30 : i64] : !qc.reg<49>
    %32 = qc.qubit %0[31 : i64] : !qc.reg<49>
    %33 = qc.qubit %0[32 : i64] : !qc.reg<49>
    %34 = qc.qubit %0[33 : i64] : !qc.reg<49>
    %35 = qc.qubit %0[34 : i64] : !qc.reg<49>
    %36 = qc.qubit %0[35 : i64] : !qc.reg<49>
    %37 = qc.qubit %0[36 : i64] : !qc.reg<49>
    %38 = qc.qubit %0[37 : i64] : !qc.reg<49>
    %39 = qc.qubit %0[38 : i64] : !qc.reg<49>
    %40 = qc.qubit %0[39 : i64] : !qc.reg<49>
    %41 = qc.qubit %0[40 : i64] : !qc.reg<49>
    %42 = qc.qubit %0[41 : i64] : !qc.reg<49>
    %43 = qc.qubit %0[42 : i64] : !qc.reg<49>
    %44 = qc.qubit %0[43 : i64] : !qc.reg<49>
    %45 = qc.qubit %0[44 : i64] : !qc.reg<49>
    %46 = qc.qubit %0[45 : i64] : !qc.reg<49>
    %47 = qc.qubit %0[46 : i64] : !qc.reg<49>
    %48 = qc.qubit %0[47 : i64] : !qc.reg<49>
    %49 = qc.qubit %0[48 : i64] : !qc.reg<49>
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
    qc.reset %46
    qc.reset %47
    qc.reset %48
    qc.reset %49
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
    qc.gate "cx" %45, %46
    qc.gate "cx" %47, %48
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
    qc.gate "cx" %47, %46
    qc.gate "cx" %49, %48
    %50 = qc.measure %2
    qc.reset %2
    %51 = qc.measure %4
    qc.reset %4
    %52 = qc.measure %6
    qc.reset %6
    %53 = qc.measure %8
    qc.reset %8
    %54 = qc.measure %10
    qc.reset %10
    %55 = qc.measure %12
    qc.reset %12
    %56 = qc.measure %14
    qc.reset %14
    %57 = qc.measure %16
    qc.reset %16
    %58 = qc.measure %18
    qc.reset %18
    %59 = qc.measure %20
    qc.reset %20
    %60 = qc.measure %22
    qc.reset %22
    %61 = qc.measure %24
    qc.reset %24
    %62 = qc.measure %26
    qc.reset %26
    %63 = qc.measure %28
    qc.reset %28
    %64 = qc.measure %30
    qc.reset %30
    %65 = qc.measure %32
    qc.reset %32
    %66 = qc.measure %34
    qc.reset %34
    %67 = qc.measure %36
    qc.reset %36
    %68 = qc.measure %38
    qc.reset %38
    %69 = qc.measure %40
    qc.reset %40
    %70 = qc.measure %42
    qc.reset %42
    %71 = qc.measure %44
    qc.reset %44
    %72 = qc.measure %46
    qc.reset %46
    %73 = qc.measure %48
    qc.reset %48
    ckpt.detector [%50] coords [1.0, 0.0]
    ckpt.detector [%51] coords [3.0, 0.0]
    ckpt.detector [%52] coords [5.0, 0.0]
    ckpt.detector [%53] coords [7.0, 0.0]
    ckpt.detector [%54] coords [9.0, 0.0]
    ckpt.detector [%55] coords [11.0, 0.0]
    ckpt.detector [%56] coords [13.0, 0.0]
    ckpt.detector [%57] coords [15.0, 0.0]
    ckpt.detector [%58] coords [17.0, 0.0]
    ckpt.detector [%59] coords [19.0, 0.0]
    ckpt.detector [%60] coords [21.0, 0.0]
    ckpt.detector [%61] coords [23.0, 0.0]
    ckpt.detector [%62] coords [25.0, 0.0]
    ckpt.detector [%63] coords [27.0, 0.0]
    ckpt.detector [%64] coords [29.0, 0.0]
    ckpt.detector [%65] coords [31.0, 0.0]
    ckpt.detector [%66] coords [33.0, 0.0]
    ckpt.detector [%67] coords [35.0, 0.0]
    ckpt.detector [%68] coords [37.0, 0.0]
    ckpt.detector [%69] coords [39.0, 0.0]
    ckpt.detector [%70] coords [41.0, 0.0]
    ckpt.detector [%71] coords [43.0, 0.0]
    ckpt.detector [%72] coords [45.0, 0.0]
    ckpt.detector [%73] coords [47.0, 0.0]
    %74 = arith.constant 0 : index
    %75 = arith.constant 74 : index
    %76 = arith.constant 1 : index
    %77, %78, %79, %80, %81, %82, %83, %84, %85, %86, %87, %88, %89, %90, %91, %92, %93, %94, %95, %96, %97, %98, %99, %100 = scf.for %101 = %74 to %75 step %76 iter_args(%102 = %50, %103 = %51, %104 = %52, %105 = %53, %106 = %54, %107 = %55, %108 = %56, %109 = %57, %110 = %58, %111 = %59, %112 = %60, %113 = %61, %114 = %62, %115 = %63, %116 = %64, %117 = %65, %118 = %66, %119 = %67, %120 = %68, %121 = %69, %122 = %70, %123 = %71, %124 = %72, %125 = %73) -> (i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1) {
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
      qc.gate "cx" %45, %46
      qc.gate "cx" %47, %48
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
      qc.gate "cx" %47, %46
      qc.gate "cx" %49, %48
      %126 = qc.measure %2
      qc.reset %2
      %127 = qc.measure %4
      qc.reset %4
      %128 = qc.measure %6
      qc.reset %6
      %129 = qc.measure %8
      qc.reset %8
      %130 = qc.measure %10
      qc.reset %10
      %131 = qc.measure %12
      qc.reset %12
      %132 = qc.measure %14
      qc.reset %14
      %133 = qc.measure %16
      qc.reset %16
      %134 = qc.measure %18
      qc.reset %18
      %135 = qc.measure %20
      qc.reset %20
      %136 = qc.measure %22
      qc.reset %22
      %137 = qc.measure %24
      qc.reset %24
      %138 = qc.measure %26
      qc.reset %26
      %139 = qc.measure %28
      qc.reset %28
      %140 = qc.measure %30
      qc.reset %30
      %141 = qc.measure %32
      qc.reset %32
      %142 = qc.measure %34
      qc.reset %34
      %143 = qc.measure %36
      qc.reset %36
      %144 = qc.measure %38
      qc.reset %38
      %145 = qc.measure %40
      qc.reset %40
      %146 = qc.measure %42
      qc.reset %42
      %147 = qc.measure %44
      qc.reset %44
      %148 = qc.measure %46
      qc.reset %46
      %149 = qc.measure %48
      qc.reset %48
      ckpt.detector [%126, %102] coords [1.0, 0.0]
      ckpt.detector [%127, %103] coords [3.0, 0.0]
      ckpt.detector [%128, %104] coords [5.0, 0.0]
      ckpt.detector [%129, %105] coords [7.0, 0.0]
      ckpt.detector [%130, %106] coords [9.0, 0.0]
      ckpt.detector [%131, %107] coords [11.0, 0.0]
      ckpt.detector [%132, %108] coords [13.0, 0.0]
      ckpt.detector [%133, %109] coords [15.0, 0.0]
      ckpt.detector [%134, %110] coords [17.0, 0.0]
      ckpt.detector [%135, %111] coords [19.0, 0.0]
      ckpt.detector [%136, %112] coords [21.0, 0.0]
      ckpt.detector [%137, %113] coords [23.0, 0.0]
      ckpt.detector [%138, %114] coords [25.0, 0.0]
      ckpt.detector [%139, %115] coords [27.0, 0.0]
      ckpt.detector [%140, %116] coords [29.0, 0.0]
      ckpt.detector [%141, %117] coords [31.0, 0.0]
      ckpt.detector [%142, %118] coords [33.0, 0.0]
      ckpt.detector [%143, %119] coords [35.0, 0.0]
      ckpt.detector [%144, %120] coords [37.0, 0.0]
      ckpt.detector [%145, %121] coords [39.0, 0.0]
      ckpt.detector [%146, %122] coords [41.0, 0.0]
      ckpt.detector [%147, %123] coords [43.0, 0.0]
      ckpt.detector [%148, %124] coords [45.0, 0.0]
      ckpt.detector [%149, %125] coords [47.0, 0.0]
      scf.yield %126, %127, %128, %129, %130, %131, %132, %133, %134, %135, %136, %137, %138, %139, %140, %141, %142, %143, %144, %145, %146, %147, %148, %149 : i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1
    }
    %150 = qc.measure %1
    %151 = qc.measure %3
    %152 = qc.measure %5
    %153 = qc.measure %7
    %154 = qc.measure %9
    %155 = qc.measure %11
    %156 = qc.measure %13
    %157 = qc.measure %15
    %158 = qc.measure %17
    %159 = qc.measure %19
    %160 = qc.measure %21
    %161 = qc.measure %23
    %162 = qc.measure %25
    %163 = qc.measure %27
    %164 = qc.measure %29
    %165 = qc.measure %31
    %166 = qc.measure %33
    %167 = qc.measure %35
    %168 = qc.measure %37
    %169 = qc.measure %39
    %170 = qc.measure %41
    %171 = qc.measure %43
    %172 = qc.measure %45
    %173 = qc.measure %47
    %174 = qc.measure %49
    ckpt.detector [%151, %150, %77] coords [1.0, 1.0]
    ckpt.detector [%152, %151, %78] coords [3.0, 1.0]
    ckpt.detector [%153, %152, %79] coords [5.0, 1.0]
    ckpt.detector [%154, %153, %80] coords [7.0, 1.0]
    ckpt.detector [%155, %154, %81] coords [9.0, 1.0]
    ckpt.detector [%156, %155, %82] coords [11.0, 1.0]
    ckpt.detector [%157, %156, %83] coords [13.0, 1.0]
    ckpt.detector [%158, %157, %84] coords [15.0, 1.0]
    ckpt.detector [%159, %158, %85] coords [17.0, 1.0]
    ckpt.detector [%160, %159, %86] coords [19.0, 1.0]
    ckpt.detector [%161, %160, %87] coords [21.0, 1.0]
    ckpt.detector [%162, %161, %88] coords [23.0, 1.0]
    ckpt.detector [%163, %162, %89] coords [25.0, 1.0]
    ckpt.detector [%164, %163, %90] coords [27.0, 1.0]
    ckpt.detector [%165, %164, %91] coords [29.0, 1.0]
    ckpt.detector [%166, %165, %92] coords [31.0, 1.0]
    ckpt.detector [%167, %166, %93] coords [33.0, 1.0]
    ckpt.detector [%168, %167, %94] coords [35.0, 1.0]
    ckpt.detector [%169, %168, %95] coords [37.0, 1.0]
    ckpt.detector [%170, %169, %96] coords [39.0, 1.0]
    ckpt.detector [%171, %170, %97] coords [41.0, 1.0]
    ckpt.detector [%172, %171, %98] coords [43.0, 1.0]
    ckpt.detector [%173, %172, %99] coords [45.0, 1.0]
    ckpt.detector [%174, %173, %100] coords [47.0, 1.0]
    ckpt.observable 0 [%174]
    qc.output "logical" %174 : i1
    func.return
  }
}
