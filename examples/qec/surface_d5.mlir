// surface_code:rotated_memory_z, distance 5, 15 rounds: stim.Circuit.generated, imported by examples/qec/generate.py
builtin.module {
  func.func @main() {
    %0 = qc.alloc "q" : !qc.reg<64>
    %1 = qc.qubit %0[0 : i64] : !qc.reg<64>
    %2 = qc.qubit %0[1 : i64] : !qc.reg<64>
    %3 = qc.qubit %0[2 : i64] : !qc.reg<64>
    %4 = qc.qubit %0[3 : i64] : !qc.reg<64>
    %5 = qc.qubit %0[4 : i64] : !qc.reg<64>
    %6 = qc.qubit %0[5 : i64] : !qc.reg<64>
    %7 = qc.qubit %0[6 : i64] : !qc.reg<64>
    %8 = qc.qubit %0[7 : i64] : !qc.reg<64>
    %9 = qc.qubit %0[8 : i64] : !qc.reg<64>
    %10 = qc.qubit %0[9 : i64] : !qc.reg<64>
    %11 = qc.qubit %0[10 : i64] : !qc.reg<64>
    %12 = qc.qubit %0[11 : i64] : !qc.reg<64>
    %13 = qc.qubit %0[12 : i64] : !qc.reg<64>
    %14 = qc.qubit %0[13 : i64] : !qc.reg<64>
    %15 = qc.qubit %0[14 : i64] : !qc.reg<64>
    %16 = qc.qubit %0[15 : i64] : !qc.reg<64>
    %17 = qc.qubit %0[16 : i64] : !qc.reg<64>
    %18 = qc.qubit %0[17 : i64] : !qc.reg<64>
    %19 = qc.qubit %0[18 : i64] : !qc.reg<64>
    %20 = qc.qubit %0[19 : i64] : !qc.reg<64>
    %21 = qc.qubit %0[20 : i64] : !qc.reg<64>
    %22 = qc.qubit %0[21 : i64] : !qc.reg<64>
    %23 = qc.qubit %0[22 : i64] : !qc.reg<64>
    %24 = qc.qubit %0[23 : i64] : !qc.reg<64>
    %25 = qc.qubit %0[24 : i64] : !qc.reg<64>
    %26 = qc.qubit %0[25 : i64] : !qc.reg<64>
    %27 = qc.qubit %0[26 : i64] : !qc.reg<64>
    %28 = qc.qubit %0[27 : i64] : !qc.reg<64>
    %29 = qc.qubit %0[28 : i64] : !qc.reg<64>
    %30 = qc.qubit %0[29 : i64] : !qc.reg<64>
    %31 = qc.qubit %0[30 : i64] : !qc.reg<64>
    %32 = qc.qubit %0[31 : i64] : !qc.reg<64>
    %33 = qc.qubit %0[32 : i64] : !qc.reg<64>
    %34 = qc.qubit %0[33 : i64] : !qc.reg<64>
    %35 = qc.qubit %0[34 : i64] : !qc.reg<64>
    %36 = qc.qubit %0[35 : i64] : !qc.reg<64>
    %37 = qc.qubit %0[36 : i64] : !qc.reg<64>
    %38 = qc.qubit %0[37 : i64] : !qc.reg<64>
    %39 = qc.qubit %0[38 : i64] : !qc.reg<64>
    %40 = qc.qubit %0[39 : i64] : !qc.reg<64>
    %41 = qc.qubit %0[40 : i64] : !qc.reg<64>
    %42 = qc.qubit %0[41 : i64] : !qc.reg<64>
    %43 = qc.qubit %0[42 : i64] : !qc.reg<64>
    %44 = qc.qubit %0[43 : i64] : !qc.reg<64>
    %45 = qc.qubit %0[44 : i64] : !qc.reg<64>
    %46 = qc.qubit %0[45 : i64] : !qc.reg<64>
    %47 = qc.qubit %0[46 : i64] : !qc.reg<64>
    %48 = qc.qubit %0[47 : i64] : !qc.reg<64>
    %49 = qc.qubit %0[48 : i64] : !qc.reg<64>
    %50 = qc.qubit %0[49 : i64] : !qc.reg<64>
    %51 = qc.qubit %0[50 : i64] : !qc.reg<64>
    %52 = qc.qubit %0[51 : i64] : !qc.reg<64>
    %53 = qc.qubit %0[52 : i64] : !qc.reg<64>
    %54 = qc.qubit %0[53 : i64] : !qc.reg<64>
    %55 = qc.qubit %0[54 : i64] : !qc.reg<64>
    %56 = qc.qubit %0[55 : i64] : !qc.reg<64>
    %57 = qc.qubit %0[56 : i64] : !qc.reg<64>
    %58 = qc.qubit %0[57 : i64] : !qc.reg<64>
    %59 = qc.qubit %0[58 : i64] : !qc.reg<64>
    %60 = qc.qubit %0[59 : i64] : !qc.reg<64>
    %61 = qc.qubit %0[60 : i64] : !qc.reg<64>
    %62 = qc.qubit %0[61 : i64] : !qc.reg<64>
    %63 = qc.qubit %0[62 : i64] : !qc.reg<64>
    %64 = qc.qubit %0[63 : i64] : !qc.reg<64>
    qc.reset %2
    qc.reset %4
    qc.reset %6
    qc.reset %8
    qc.reset %10
    qc.reset %13
    qc.reset %15
    qc.reset %17
    qc.reset %19
    qc.reset %21
    qc.reset %24
    qc.reset %26
    qc.reset %28
    qc.reset %30
    qc.reset %32
    qc.reset %35
    qc.reset %37
    qc.reset %39
    qc.reset %41
    qc.reset %43
    qc.reset %46
    qc.reset %48
    qc.reset %50
    qc.reset %52
    qc.reset %54
    qc.reset %3
    qc.reset %7
    qc.reset %14
    qc.reset %16
    qc.reset %18
    qc.reset %20
    qc.reset %22
    qc.reset %23
    qc.reset %25
    qc.reset %27
    qc.reset %29
    qc.reset %31
    qc.reset %36
    qc.reset %38
    qc.reset %40
    qc.reset %42
    qc.reset %44
    qc.reset %45
    qc.reset %47
    qc.reset %49
    qc.reset %51
    qc.reset %53
    qc.reset %60
    qc.reset %64
    qc.gate "h" %3
    qc.gate "h" %7
    qc.gate "h" %16
    qc.gate "h" %20
    qc.gate "h" %25
    qc.gate "h" %29
    qc.gate "h" %38
    qc.gate "h" %42
    qc.gate "h" %47
    qc.gate "h" %51
    qc.gate "h" %60
    qc.gate "h" %64
    qc.gate "cx" %3, %4
    qc.gate "cx" %25, %26
    qc.gate "cx" %47, %48
    qc.gate "cx" %16, %17
    qc.gate "cx" %38, %39
    qc.gate "cx" %7, %8
    qc.gate "cx" %29, %30
    qc.gate "cx" %51, %52
    qc.gate "cx" %20, %21
    qc.gate "cx" %42, %43
    qc.gate "cx" %24, %23
    qc.gate "cx" %46, %45
    qc.gate "cx" %15, %14
    qc.gate "cx" %37, %36
    qc.gate "cx" %28, %27
    qc.gate "cx" %50, %49
    qc.gate "cx" %19, %18
    qc.gate "cx" %41, %40
    qc.gate "cx" %32, %31
    qc.gate "cx" %54, %53
    qc.gate "cx" %3, %2
    qc.gate "cx" %25, %24
    qc.gate "cx" %47, %46
    qc.gate "cx" %16, %15
    qc.gate "cx" %38, %37
    qc.gate "cx" %7, %6
    qc.gate "cx" %29, %28
    qc.gate "cx" %51, %50
    qc.gate "cx" %20, %19
    qc.gate "cx" %42, %41
    qc.gate "cx" %13, %23
    qc.gate "cx" %35, %45
    qc.gate "cx" %4, %14
    qc.gate "cx" %26, %36
    qc.gate "cx" %17, %27
    qc.gate "cx" %39, %49
    qc.gate "cx" %8, %18
    qc.gate "cx" %30, %40
    qc.gate "cx" %21, %31
    qc.gate "cx" %43, %53
    qc.gate "cx" %25, %15
    qc.gate "cx" %47, %37
    qc.gate "cx" %16, %6
    qc.gate "cx" %38, %28
    qc.gate "cx" %60, %50
    qc.gate "cx" %29, %19
    qc.gate "cx" %51, %41
    qc.gate "cx" %20, %10
    qc.gate "cx" %42, %32
    qc.gate "cx" %64, %54
    qc.gate "cx" %13, %14
    qc.gate "cx" %35, %36
    qc.gate "cx" %26, %27
    qc.gate "cx" %48, %49
    qc.gate "cx" %17, %18
    qc.gate "cx" %39, %40
    qc.gate "cx" %30, %31
    qc.gate "cx" %52, %53
    qc.gate "cx" %21, %22
    qc.gate "cx" %43, %44
    qc.gate "cx" %25, %13
    qc.gate "cx" %47, %35
    qc.gate "cx" %16, %4
    qc.gate "cx" %38, %26
    qc.gate "cx" %60, %48
    qc.gate "cx" %29, %17
    qc.gate "cx" %51, %39
    qc.gate "cx" %20, %8
    qc.gate "cx" %42, %30
    qc.gate "cx" %64, %52
    qc.gate "cx" %2, %14
    qc.gate "cx" %24, %36
    qc.gate "cx" %15, %27
    qc.gate "cx" %37, %49
    qc.gate "cx" %6, %18
    qc.gate "cx" %28, %40
    qc.gate "cx" %19, %31
    qc.gate "cx" %41, %53
    qc.gate "cx" %10, %22
    qc.gate "cx" %32, %44
    qc.gate "h" %3
    qc.gate "h" %7
    qc.gate "h" %16
    qc.gate "h" %20
    qc.gate "h" %25
    qc.gate "h" %29
    qc.gate "h" %38
    qc.gate "h" %42
    qc.gate "h" %47
    qc.gate "h" %51
    qc.gate "h" %60
    qc.gate "h" %64
    %65 = qc.measure %3
    qc.reset %3
    %66 = qc.measure %7
    qc.reset %7
    %67 = qc.measure %14
    qc.reset %14
    %68 = qc.measure %16
    qc.reset %16
    %69 = qc.measure %18
    qc.reset %18
    %70 = qc.measure %20
    qc.reset %20
    %71 = qc.measure %22
    qc.reset %22
    %72 = qc.measure %23
    qc.reset %23
    %73 = qc.measure %25
    qc.reset %25
    %74 = qc.measure %27
    qc.reset %27
    %75 = qc.measure %29
    qc.reset %29
    %76 = qc.measure %31
    qc.reset %31
    %77 = qc.measure %36
    qc.reset %36
    %78 = qc.measure %38
    qc.reset %38
    %79 = qc.measure %40
    qc.reset %40
    %80 = qc.measure %42
    qc.reset %42
    %81 = qc.measure %44
    qc.reset %44
    %82 = qc.measure %45
    qc.reset %45
    %83 = qc.measure %47
    qc.reset %47
    %84 = qc.measure %49
    qc.reset %49
    %85 = qc.measure %51
    qc.reset %51
    %86 = qc.measure %53
    qc.reset %53
    %87 = qc.measure %60
    qc.reset %60
    %88 = qc.measure %64
    qc.reset %64
    ckpt.detector [%72] coords [0.0, 4.0, 0.0]
    ckpt.detector [%82] coords [0.0, 8.0, 0.0]
    ckpt.detector [%67] coords [2.0, 2.0, 0.0]
    ckpt.detector [%77] coords [2.0, 6.0, 0.0]
    ckpt.detector [%74] coords [4.0, 4.0, 0.0]
    ckpt.detector [%84] coords [4.0, 8.0, 0.0]
    ckpt.detector [%69] coords [6.0, 2.0, 0.0]
    ckpt.detector [%79] coords [6.0, 6.0, 0.0]
    ckpt.detector [%76] coords [8.0, 4.0, 0.0]
    ckpt.detector [%86] coords [8.0, 8.0, 0.0]
    ckpt.detector [%71] coords [10.0, 2.0, 0.0]
    ckpt.detector [%81] coords [10.0, 6.0, 0.0]
    %89 = arith.constant 0 : index
    %90 = arith.constant 14 : index
    %91 = arith.constant 1 : index
    %92, %93, %94, %95, %96, %97, %98, %99, %100, %101, %102, %103, %104, %105, %106, %107, %108, %109, %110, %111, %112, %113, %114, %115 = scf.for %116 = %89 to %90 step %91 iter_args(%117 = %65, %118 = %66, %119 = %67, %120 = %68, %121 = %69, %122 = %70, %123 = %71, %124 = %72, %125 = %73, %126 = %74, %127 = %75, %128 = %76, %129 = %77, %130 = %78, %131 = %79, %132 = %80, %133 = %81, %134 = %82, %135 = %83, %136 = %84, %137 = %85, %138 = %86, %139 = %87, %140 = %88) -> (i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1) {
      qc.gate "h" %3
      qc.gate "h" %7
      qc.gate "h" %16
      qc.gate "h" %20
      qc.gate "h" %25
      qc.gate "h" %29
      qc.gate "h" %38
      qc.gate "h" %42
      qc.gate "h" %47
      qc.gate "h" %51
      qc.gate "h" %60
      qc.gate "h" %64
      qc.gate "cx" %3, %4
      qc.gate "cx" %25, %26
      qc.gate "cx" %47, %48
      qc.gate "cx" %16, %17
      qc.gate "cx" %38, %39
      qc.gate "cx" %7, %8
      qc.gate "cx" %29, %30
      qc.gate "cx" %51, %52
      qc.gate "cx" %20, %21
      qc.gate "cx" %42, %43
      qc.gate "cx" %24, %23
      qc.gate "cx" %46, %45
      qc.gate "cx" %15, %14
      qc.gate "cx" %37, %36
      qc.gate "cx" %28, %27
      qc.gate "cx" %50, %49
      qc.gate "cx" %19, %18
      qc.gate "cx" %41, %40
      qc.gate "cx" %32, %31
      qc.gate "cx" %54, %53
      qc.gate "cx" %3, %2
      qc.gate "cx" %25, %24
      qc.gate "cx" %47, %46
      qc.gate "cx" %16, %15
      qc.gate "cx" %38, %37
      qc.gate "cx" %7, %6
      qc.gate "cx" %29, %28
      qc.gate "cx" %51, %50
      qc.gate "cx" %20, %19
      qc.gate "cx" %42, %41
      qc.gate "cx" %13, %23
      qc.gate "cx" %35, %45
      qc.gate "cx" %4, %14
      qc.gate "cx" %26, %36
      qc.gate "cx" %17, %27
      qc.gate "cx" %39, %49
      qc.gate "cx" %8, %18
      qc.gate "cx" %30, %40
      qc.gate "cx" %21, %31
      qc.gate "cx" %43, %53
      qc.gate "cx" %25, %15
      qc.gate "cx" %47, %37
      qc.gate "cx" %16, %6
      qc.gate "cx" %38, %28
      qc.gate "cx" %60, %50
      qc.gate "cx" %29, %19
      qc.gate "cx" %51, %41
      qc.gate "cx" %20, %10
      qc.gate "cx" %42, %32
      qc.gate "cx" %64, %54
      qc.gate "cx" %13, %14
      qc.gate "cx" %35, %36
      qc.gate "cx" %26, %27
      qc.gate "cx" %48, %49
      qc.gate "cx" %17, %18
      qc.gate "cx" %39, %40
      qc.gate "cx" %30, %31
      qc.gate "cx" %52, %53
      qc.gate "cx" %21, %22
      qc.gate "cx" %43, %44
      qc.gate "cx" %25, %13
      qc.gate "cx" %47, %35
      qc.gate "cx" %16, %4
      qc.gate "cx" %38, %26
      qc.gate "cx" %60, %48
      qc.gate "cx" %29, %17
      qc.gate "cx" %51, %39
      qc.gate "cx" %20, %8
      qc.gate "cx" %42, %30
      qc.gate "cx" %64, %52
      qc.gate "cx" %2, %14
      qc.gate "cx" %24, %36
      qc.gate "cx" %15, %27
      qc.gate "cx" %37, %49
      qc.gate "cx" %6, %18
      qc.gate "cx" %28, %40
      qc.gate "cx" %19, %31
      qc.gate "cx" %41, %53
      qc.gate "cx" %10, %22
      qc.gate "cx" %32, %44
      qc.gate "h" %3
      qc.gate "h" %7
      qc.gate "h" %16
      qc.gate "h" %20
      qc.gate "h" %25
      qc.gate "h" %29
      qc.gate "h" %38
      qc.gate "h" %42
      qc.gate "h" %47
      qc.gate "h" %51
      qc.gate "h" %60
      qc.gate "h" %64
      %141 = qc.measure %3
      qc.reset %3
      %142 = qc.measure %7
      qc.reset %7
      %143 = qc.measure %14
      qc.reset %14
      %144 = qc.measure %16
      qc.reset %16
      %145 = qc.measure %18
      qc.reset %18
      %146 = qc.measure %20
      qc.reset %20
      %147 = qc.measure %22
      qc.reset %22
      %148 = qc.measure %23
      qc.reset %23
      %149 = qc.measure %25
      qc.reset %25
      %150 = qc.measure %27
      qc.reset %27
      %151 = qc.measure %29
      qc.reset %29
      %152 = qc.measure %31
      qc.reset %31
      %153 = qc.measure %36
      qc.reset %36
      %154 = qc.measure %38
      qc.reset %38
      %155 = qc.measure %40
      qc.reset %40
      %156 = qc.measure %42
      qc.reset %42
      %157 = qc.measure %44
      qc.reset %44
      %158 = qc.measure %45
      qc.reset %45
      %159 = qc.measure %47
      qc.reset %47
      %160 = qc.measure %49
      qc.reset %49
      %161 = qc.measure %51
      qc.reset %51
      %162 = qc.measure %53
      qc.reset %53
      %163 = qc.measure %60
      qc.reset %60
      %164 = qc.measure %64
      qc.reset %64
      ckpt.detector [%141, %117] coords [2.0, 0.0, 0.0]
      ckpt.detector [%142, %118] coords [6.0, 0.0, 0.0]
      ckpt.detector [%143, %119] coords [2.0, 2.0, 0.0]
      ckpt.detector [%144, %120] coords [4.0, 2.0, 0.0]
      ckpt.detector [%145, %121] coords [6.0, 2.0, 0.0]
      ckpt.detector [%146, %122] coords [8.0, 2.0, 0.0]
      ckpt.detector [%147, %123] coords [10.0, 2.0, 0.0]
      ckpt.detector [%148, %124] coords [0.0, 4.0, 0.0]
      ckpt.detector [%149, %125] coords [2.0, 4.0, 0.0]
      ckpt.detector [%150, %126] coords [4.0, 4.0, 0.0]
      ckpt.detector [%151, %127] coords [6.0, 4.0, 0.0]
      ckpt.detector [%152, %128] coords [8.0, 4.0, 0.0]
      ckpt.detector [%153, %129] coords [2.0, 6.0, 0.0]
      ckpt.detector [%154, %130] coords [4.0, 6.0, 0.0]
      ckpt.detector [%155, %131] coords [6.0, 6.0, 0.0]
      ckpt.detector [%156, %132] coords [8.0, 6.0, 0.0]
      ckpt.detector [%157, %133] coords [10.0, 6.0, 0.0]
      ckpt.detector [%158, %134] coords [0.0, 8.0, 0.0]
      ckpt.detector [%159, %135] coords [2.0, 8.0, 0.0]
      ckpt.detector [%160, %136] coords [4.0, 8.0, 0.0]
      ckpt.detector [%161, %137] coords [6.0, 8.0, 0.0]
      ckpt.detector [%162, %138] coords [8.0, 8.0, 0.0]
      ckpt.detector [%163, %139] coords [4.0, 10.0, 0.0]
      ckpt.detector [%164, %140] coords [8.0, 10.0, 0.0]
      scf.yield %141, %142, %143, %144, %145, %146, %147, %148, %149, %150, %151, %152, %153, %154, %155, %156, %157, %158, %159, %160, %161, %162, %163, %164 : i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1
    }
    %165 = qc.measure %2
    %166 = qc.measure %4
    %167 = qc.measure %6
    %168 = qc.measure %8
    %169 = qc.measure %10
    %170 = qc.measure %13
    %171 = qc.measure %15
    %172 = qc.measure %17
    %173 = qc.measure %19
    %174 = qc.measure %21
    %175 = qc.measure %24
    %176 = qc.measure %26
    %177 = qc.measure %28
    %178 = qc.measure %30
    %179 = qc.measure %32
    %180 = qc.measure %35
    %181 = qc.measure %37
    %182 = qc.measure %39
    %183 = qc.measure %41
    %184 = qc.measure %43
    %185 = qc.measure %46
    %186 = qc.measure %48
    %187 = qc.measure %50
    %188 = qc.measure %52
    %189 = qc.measure %54
    ckpt.detector [%175, %170, %99] coords [0.0, 4.0, 1.0]
    ckpt.detector [%185, %180, %109] coords [0.0, 8.0, 1.0]
    ckpt.detector [%171, %170, %166, %165, %94] coords [2.0, 2.0, 1.0]
    ckpt.detector [%181, %180, %176, %175, %104] coords [2.0, 6.0, 1.0]
    ckpt.detector [%177, %176, %172, %171, %101] coords [4.0, 4.0, 1.0]
    ckpt.detector [%187, %186, %182, %181, %111] coords [4.0, 8.0, 1.0]
    ckpt.detector [%173, %172, %168, %167, %96] coords [6.0, 2.0, 1.0]
    ckpt.detector [%183, %182, %178, %177, %106] coords [6.0, 6.0, 1.0]
    ckpt.detector [%179, %178, %174, %173, %103] coords [8.0, 4.0, 1.0]
    ckpt.detector [%189, %188, %184, %183, %113] coords [8.0, 8.0, 1.0]
    ckpt.detector [%174, %169, %98] coords [10.0, 2.0, 1.0]
    ckpt.detector [%184, %179, %108] coords [10.0, 6.0, 1.0]
    ckpt.observable 0 [%169, %168, %167, %166, %165]
    %190 = arith.xori %169, %168 : i1
    %191 = arith.xori %190, %167 : i1
    %192 = arith.xori %191, %166 : i1
    %193 = arith.xori %192, %165 : i1
    qc.output "logical" %193 : i1
    func.return
  }
}
