// surface_code:rotated_memory_z, distance 7, 21 rounds: stim.Circuit.generated, imported by examples/qec/generate.py
builtin.module {
  func.func @main() {
    %0 = qc.alloc "q" : !qc.reg<118>
    %1 = qc.qubit %0[0 : i64] : !qc.reg<118>
    %2 = qc.qubit %0[1 : i64] : !qc.reg<118>
    %3 = qc.qubit %0[2 : i64] : !qc.reg<118>
    %4 = qc.qubit %0[3 : i64] : !qc.reg<118>
    %5 = qc.qubit %0[4 : i64] : !qc.reg<118>
    %6 = qc.qubit %0[5 : i64] : !qc.reg<118>
    %7 = qc.qubit %0[6 : i64] : !qc.reg<118>
    %8 = qc.qubit %0[7 : i64] : !qc.reg<118>
    %9 = qc.qubit %0[8 : i64] : !qc.reg<118>
    %10 = qc.qubit %0[9 : i64] : !qc.reg<118>
    %11 = qc.qubit %0[10 : i64] : !qc.reg<118>
    %12 = qc.qubit %0[11 : i64] : !qc.reg<118>
    %13 = qc.qubit %0[12 : i64] : !qc.reg<118>
    %14 = qc.qubit %0[13 : i64] : !qc.reg<118>
    %15 = qc.qubit %0[14 : i64] : !qc.reg<118>
    %16 = qc.qubit %0[15 : i64] : !qc.reg<118>
    %17 = qc.qubit %0[16 : i64] : !qc.reg<118>
    %18 = qc.qubit %0[17 : i64] : !qc.reg<118>
    %19 = qc.qubit %0[18 : i64] : !qc.reg<118>
    %20 = qc.qubit %0[19 : i64] : !qc.reg<118>
    %21 = qc.qubit %0[20 : i64] : !qc.reg<118>
    %22 = qc.qubit %0[21 : i64] : !qc.reg<118>
    %23 = qc.qubit %0[22 : i64] : !qc.reg<118>
    %24 = qc.qubit %0[23 : i64] : !qc.reg<118>
    %25 = qc.qubit %0[24 : i64] : !qc.reg<118>
    %26 = qc.qubit %0[25 : i64] : !qc.reg<118>
    %27 = qc.qubit %0[26 : i64] : !qc.reg<118>
    %28 = qc.qubit %0[27 : i64] : !qc.reg<118>
    %29 = qc.qubit %0[28 : i64] : !qc.reg<118>
    %30 = qc.qubit %0[29 : i64] : !qc.reg<118>
    %31 = qc.qubit %0[30 : i64] : !qc.reg<118>
    %32 = qc.qubit %0[31 : i64] : !qc.reg<118>
    %33 = qc.qubit %0[32 : i64] : !qc.reg<118>
    %34 = qc.qubit %0[33 : i64] : !qc.reg<118>
    %35 = qc.qubit %0[34 : i64] : !qc.reg<118>
    %36 = qc.qubit %0[35 : i64] : !qc.reg<118>
    %37 = qc.qubit %0[36 : i64] : !qc.reg<118>
    %38 = qc.qubit %0[37 : i64] : !qc.reg<118>
    %39 = qc.qubit %0[38 : i64] : !qc.reg<118>
    %40 = qc.qubit %0[39 : i64] : !qc.reg<118>
    %41 = qc.qubit %0[40 : i64] : !qc.reg<118>
    %42 = qc.qubit %0[41 : i64] : !qc.reg<118>
    %43 = qc.qubit %0[42 : i64] : !qc.reg<118>
    %44 = qc.qubit %0[43 : i64] : !qc.reg<118>
    %45 = qc.qubit %0[44 : i64] : !qc.reg<118>
    %46 = qc.qubit %0[45 : i64] : !qc.reg<118>
    %47 = qc.qubit %0[46 : i64] : !qc.reg<118>
    %48 = qc.qubit %0[47 : i64] : !qc.reg<118>
    %49 = qc.qubit %0[48 : i64] : !qc.reg<118>
    %50 = qc.qubit %0[49 : i64] : !qc.reg<118>
    %51 = qc.qubit %0[50 : i64] : !qc.reg<118>
    %52 = qc.qubit %0[51 : i64] : !qc.reg<118>
    %53 = qc.qubit %0[52 : i64] : !qc.reg<118>
    %54 = qc.qubit %0[53 : i64] : !qc.reg<118>
    %55 = qc.qubit %0[54 : i64] : !qc.reg<118>
    %56 = qc.qubit %0[55 : i64] : !qc.reg<118>
    %57 = qc.qubit %0[56 : i64] : !qc.reg<118>
    %58 = qc.qubit %0[57 : i64] : !qc.reg<118>
    %59 = qc.qubit %0[58 : i64] : !qc.reg<118>
    %60 = qc.qubit %0[59 : i64] : !qc.reg<118>
    %61 = qc.qubit %0[60 : i64] : !qc.reg<118>
    %62 = qc.qubit %0[61 : i64] : !qc.reg<118>
    %63 = qc.qubit %0[62 : i64] : !qc.reg<118>
    %64 = qc.qubit %0[63 : i64] : !qc.reg<118>
    %65 = qc.qubit %0[64 : i64] : !qc.reg<118>
    %66 = qc.qubit %0[65 : i64] : !qc.reg<118>
    %67 = qc.qubit %0[66 : i64] : !qc.reg<118>
    %68 = qc.qubit %0[67 : i64] : !qc.reg<118>
    %69 = qc.qubit %0[68 : i64] : !qc.reg<118>
    %70 = qc.qubit %0[69 : i64] : !qc.reg<118>
    %71 = qc.qubit %0[70 : i64] : !qc.reg<118>
    %72 = qc.qubit %0[71 : i64] : !qc.reg<118>
    %73 = qc.qubit %0[72 : i64] : !qc.reg<118>
    %74 = qc.qubit %0[73 : i64] : !qc.reg<118>
    %75 = qc.qubit %0[74 : i64] : !qc.reg<118>
    %76 = qc.qubit %0[75 : i64] : !qc.reg<118>
    %77 = qc.qubit %0[76 : i64] : !qc.reg<118>
    %78 = qc.qubit %0[77 : i64] : !qc.reg<118>
    %79 = qc.qubit %0[78 : i64] : !qc.reg<118>
    %80 = qc.qubit %0[79 : i64] : !qc.reg<118>
    %81 = qc.qubit %0[80 : i64] : !qc.reg<118>
    %82 = qc.qubit %0[81 : i64] : !qc.reg<118>
    %83 = qc.qubit %0[82 : i64] : !qc.reg<118>
    %84 = qc.qubit %0[83 : i64] : !qc.reg<118>
    %85 = qc.qubit %0[84 : i64] : !qc.reg<118>
    %86 = qc.qubit %0[85 : i64] : !qc.reg<118>
    %87 = qc.qubit %0[86 : i64] : !qc.reg<118>
    %88 = qc.qubit %0[87 : i64] : !qc.reg<118>
    %89 = qc.qubit %0[88 : i64] : !qc.reg<118>
    %90 = qc.qubit %0[89 : i64] : !qc.reg<118>
    %91 = qc.qubit %0[90 : i64] : !qc.reg<118>
    %92 = qc.qubit %0[91 : i64] : !qc.reg<118>
    %93 = qc.qubit %0[92 : i64] : !qc.reg<118>
    %94 = qc.qubit %0[93 : i64] : !qc.reg<118>
    %95 = qc.qubit %0[94 : i64] : !qc.reg<118>
    %96 = qc.qubit %0[95 : i64] : !qc.reg<118>
    %97 = qc.qubit %0[96 : i64] : !qc.reg<118>
    %98 = qc.qubit %0[97 : i64] : !qc.reg<118>
    %99 = qc.qubit %0[98 : i64] : !qc.reg<118>
    %100 = qc.qubit %0[99 : i64] : !qc.reg<118>
    %101 = qc.qubit %0[100 : i64] : !qc.reg<118>
    %102 = qc.qubit %0[101 : i64] : !qc.reg<118>
    %103 = qc.qubit %0[102 : i64] : !qc.reg<118>
    %104 = qc.qubit %0[103 : i64] : !qc.reg<118>
    %105 = qc.qubit %0[104 : i64] : !qc.reg<118>
    %106 = qc.qubit %0[105 : i64] : !qc.reg<118>
    %107 = qc.qubit %0[106 : i64] : !qc.reg<118>
    %108 = qc.qubit %0[107 : i64] : !qc.reg<118>
    %109 = qc.qubit %0[108 : i64] : !qc.reg<118>
    %110 = qc.qubit %0[109 : i64] : !qc.reg<118>
    %111 = qc.qubit %0[110 : i64] : !qc.reg<118>
    %112 = qc.qubit %0[111 : i64] : !qc.reg<118>
    %113 = qc.qubit %0[112 : i64] : !qc.reg<118>
    %114 = qc.qubit %0[113 : i64] : !qc.reg<118>
    %115 = qc.qubit %0[114 : i64] : !qc.reg<118>
    %116 = qc.qubit %0[115 : i64] : !qc.reg<118>
    %117 = qc.qubit %0[116 : i64] : !qc.reg<118>
    %118 = qc.qubit %0[117 : i64] : !qc.reg<118>
    qc.reset %2
    qc.reset %4
    qc.reset %6
    qc.reset %8
    qc.reset %10
    qc.reset %12
    qc.reset %14
    qc.reset %17
    qc.reset %19
    qc.reset %21
    qc.reset %23
    qc.reset %25
    qc.reset %27
    qc.reset %29
    qc.reset %32
    qc.reset %34
    qc.reset %36
    qc.reset %38
    qc.reset %40
    qc.reset %42
    qc.reset %44
    qc.reset %47
    qc.reset %49
    qc.reset %51
    qc.reset %53
    qc.reset %55
    qc.reset %57
    qc.reset %59
    qc.reset %62
    qc.reset %64
    qc.reset %66
    qc.reset %68
    qc.reset %70
    qc.reset %72
    qc.reset %74
    qc.reset %77
    qc.reset %79
    qc.reset %81
    qc.reset %83
    qc.reset %85
    qc.reset %87
    qc.reset %89
    qc.reset %92
    qc.reset %94
    qc.reset %96
    qc.reset %98
    qc.reset %100
    qc.reset %102
    qc.reset %104
    qc.reset %3
    qc.reset %7
    qc.reset %11
    qc.reset %18
    qc.reset %20
    qc.reset %22
    qc.reset %24
    qc.reset %26
    qc.reset %28
    qc.reset %30
    qc.reset %31
    qc.reset %33
    qc.reset %35
    qc.reset %37
    qc.reset %39
    qc.reset %41
    qc.reset %43
    qc.reset %48
    qc.reset %50
    qc.reset %52
    qc.reset %54
    qc.reset %56
    qc.reset %58
    qc.reset %60
    qc.reset %61
    qc.reset %63
    qc.reset %65
    qc.reset %67
    qc.reset %69
    qc.reset %71
    qc.reset %73
    qc.reset %78
    qc.reset %80
    qc.reset %82
    qc.reset %84
    qc.reset %86
    qc.reset %88
    qc.reset %90
    qc.reset %91
    qc.reset %93
    qc.reset %95
    qc.reset %97
    qc.reset %99
    qc.reset %101
    qc.reset %103
    qc.reset %110
    qc.reset %114
    qc.reset %118
    qc.gate "h" %3
    qc.gate "h" %7
    qc.gate "h" %11
    qc.gate "h" %20
    qc.gate "h" %24
    qc.gate "h" %28
    qc.gate "h" %33
    qc.gate "h" %37
    qc.gate "h" %41
    qc.gate "h" %50
    qc.gate "h" %54
    qc.gate "h" %58
    qc.gate "h" %63
    qc.gate "h" %67
    qc.gate "h" %71
    qc.gate "h" %80
    qc.gate "h" %84
    qc.gate "h" %88
    qc.gate "h" %93
    qc.gate "h" %97
    qc.gate "h" %101
    qc.gate "h" %110
    qc.gate "h" %114
    qc.gate "h" %118
    qc.gate "cx" %3, %4
    qc.gate "cx" %33, %34
    qc.gate "cx" %63, %64
    qc.gate "cx" %93, %94
    qc.gate "cx" %20, %21
    qc.gate "cx" %50, %51
    qc.gate "cx" %80, %81
    qc.gate "cx" %7, %8
    qc.gate "cx" %37, %38
    qc.gate "cx" %67, %68
    qc.gate "cx" %97, %98
    qc.gate "cx" %24, %25
    qc.gate "cx" %54, %55
    qc.gate "cx" %84, %85
    qc.gate "cx" %11, %12
    qc.gate "cx" %41, %42
    qc.gate "cx" %71, %72
    qc.gate "cx" %101, %102
    qc.gate "cx" %28, %29
    qc.gate "cx" %58, %59
    qc.gate "cx" %88, %89
    qc.gate "cx" %32, %31
    qc.gate "cx" %62, %61
    qc.gate "cx" %92, %91
    qc.gate "cx" %19, %18
    qc.gate "cx" %49, %48
    qc.gate "cx" %79, %78
    qc.gate "cx" %36, %35
    qc.gate "cx" %66, %65
    qc.gate "cx" %96, %95
    qc.gate "cx" %23, %22
    qc.gate "cx" %53, %52
    qc.gate "cx" %83, %82
    qc.gate "cx" %40, %39
    qc.gate "cx" %70, %69
    qc.gate "cx" %100, %99
    qc.gate "cx" %27, %26
    qc.gate "cx" %57, %56
    qc.gate "cx" %87, %86
    qc.gate "cx" %44, %43
    qc.gate "cx" %74, %73
    qc.gate "cx" %104, %103
    qc.gate "cx" %3, %2
    qc.gate "cx" %33, %32
    qc.gate "cx" %63, %62
    qc.gate "cx" %93, %92
    qc.gate "cx" %20, %19
    qc.gate "cx" %50, %49
    qc.gate "cx" %80, %79
    qc.gate "cx" %7, %6
    qc.gate "cx" %37, %36
    qc.gate "cx" %67, %66
    qc.gate "cx" %97, %96
    qc.gate "cx" %24, %23
    qc.gate "cx" %54, %53
    qc.gate "cx" %84, %83
    qc.gate "cx" %11, %10
    qc.gate "cx" %41, %40
    qc.gate "cx" %71, %70
    qc.gate "cx" %101, %100
    qc.gate "cx" %28, %27
    qc.gate "cx" %58, %57
    qc.gate "cx" %88, %87
    qc.gate "cx" %17, %31
    qc.gate "cx" %47, %61
    qc.gate "cx" %77, %91
    qc.gate "cx" %4, %18
    qc.gate "cx" %34, %48
    qc.gate "cx" %64, %78
    qc.gate "cx" %21, %35
    qc.gate "cx" %51, %65
    qc.gate "cx" %81, %95
    qc.gate "cx" %8, %22
    qc.gate "cx" %38, %52
    qc.gate "cx" %68, %82
    qc.gate "cx" %25, %39
    qc.gate "cx" %55, %69
    qc.gate "cx" %85, %99
    qc.gate "cx" %12, %26
    qc.gate "cx" %42, %56
    qc.gate "cx" %72, %86
    qc.gate "cx" %29, %43
    qc.gate "cx" %59, %73
    qc.gate "cx" %89, %103
    qc.gate "cx" %33, %19
    qc.gate "cx" %63, %49
    qc.gate "cx" %93, %79
    qc.gate "cx" %20, %6
    qc.gate "cx" %50, %36
    qc.gate "cx" %80, %66
    qc.gate "cx" %110, %96
    qc.gate "cx" %37, %23
    qc.gate "cx" %67, %53
    qc.gate "cx" %97, %83
    qc.gate "cx" %24, %10
    qc.gate "cx" %54, %40
    qc.gate "cx" %84, %70
    qc.gate "cx" %114, %100
    qc.gate "cx" %41, %27
    qc.gate "cx" %71, %57
    qc.gate "cx" %101, %87
    qc.gate "cx" %28, %14
    qc.gate "cx" %58, %44
    qc.gate "cx" %88, %74
    qc.gate "cx" %118, %104
    qc.gate "cx" %17, %18
    qc.gate "cx" %47, %48
    qc.gate "cx" %77, %78
    qc.gate "cx" %34, %35
    qc.gate "cx" %64, %65
    qc.gate "cx" %94, %95
    qc.gate "cx" %21, %22
    qc.gate "cx" %51, %52
    qc.gate "cx" %81, %82
    qc.gate "cx" %38, %39
    qc.gate "cx" %68, %69
    qc.gate "cx" %98, %99
    qc.gate "cx" %25, %26
    qc.gate "cx" %55, %56
    qc.gate "cx" %85, %86
    qc.gate "cx" %42, %43
    qc.gate "cx" %72, %73
    qc.gate "cx" %102, %103
    qc.gate "cx" %29, %30
    qc.gate "cx" %59, %60
    qc.gate "cx" %89, %90
    qc.gate "cx" %33, %17
    qc.gate "cx" %63, %47
    qc.gate "cx" %93, %77
    qc.gate "cx" %20, %4
    qc.gate "cx" %50, %34
    qc.gate "cx" %80, %64
    qc.gate "cx" %110, %94
    qc.gate "cx" %37, %21
    qc.gate "cx" %67, %51
    qc.gate "cx" %97, %81
    qc.gate "cx" %24, %8
    qc.gate "cx" %54, %38
    qc.gate "cx" %84, %68
    qc.gate "cx" %114, %98
    qc.gate "cx" %41, %25
    qc.gate "cx" %71, %55
    qc.gate "cx" %101, %85
    qc.gate "cx" %28, %12
    qc.gate "cx" %58, %42
    qc.gate "cx" %88, %72
    qc.gate "cx" %118, %102
    qc.gate "cx" %2, %18
    qc.gate "cx" %32, %48
    qc.gate "cx" %62, %78
    qc.gate "cx" %19, %35
    qc.gate "cx" %49, %65
    qc.gate "cx" %79, %95
    qc.gate "cx" %6, %22
    qc.gate "cx" %36, %52
    qc.gate "cx" %66, %82
    qc.gate "cx" %23, %39
    qc.gate "cx" %53, %69
    qc.gate "cx" %83, %99
    qc.gate "cx" %10, %26
    qc.gate "cx" %40, %56
    qc.gate "cx" %70, %86
    qc.gate "cx" %27, %43
    qc.gate "cx" %57, %73
    qc.gate "cx" %87, %103
    qc.gate "cx" %14, %30
    qc.gate "cx" %44, %60
    qc.gate "cx" %74, %90
    qc.gate "h" %3
    qc.gate "h" %7
    qc.gate "h" %11
    qc.gate "h" %20
    qc.gate "h" %24
    qc.gate "h" %28
    qc.gate "h" %33
    qc.gate "h" %37
    qc.gate "h" %41
    qc.gate "h" %50
    qc.gate "h" %54
    qc.gate "h" %58
    qc.gate "h" %63
    qc.gate "h" %67
    qc.gate "h" %71
    qc.gate "h" %80
    qc.gate "h" %84
    qc.gate "h" %88
    qc.gate "h" %93
    qc.gate "h" %97
    qc.gate "h" %101
    qc.gate "h" %110
    qc.gate "h" %114
    qc.gate "h" %118
    %119 = qc.measure %3
    qc.reset %3
    %120 = qc.measure %7
    qc.reset %7
    %121 = qc.measure %11
    qc.reset %11
    %122 = qc.measure %18
    qc.reset %18
    %123 = qc.measure %20
    qc.reset %20
    %124 = qc.measure %22
    qc.reset %22
    %125 = qc.measure %24
    qc.reset %24
    %126 = qc.measure %26
    qc.reset %26
    %127 = qc.measure %28
    qc.reset %28
    %128 = qc.measure %30
    qc.reset %30
    %129 = qc.measure %31
    qc.reset %31
    %130 = qc.measure %33
    qc.reset %33
    %131 = qc.measure %35
    qc.reset %35
    %132 = qc.measure %37
    qc.reset %37
    %133 = qc.measure %39
    qc.reset %39
    %134 = qc.measure %41
    qc.reset %41
    %135 = qc.measure %43
    qc.reset %43
    %136 = qc.measure %48
    qc.reset %48
    %137 = qc.measure %50
    qc.reset %50
    %138 = qc.measure %52
    qc.reset %52
    %139 = qc.measure %54
    qc.reset %54
    %140 = qc.measure %56
    qc.reset %56
    %141 = qc.measure %58
    qc.reset %58
    %142 = qc.measure %60
    qc.reset %60
    %143 = qc.measure %61
    qc.reset %61
    %144 = qc.measure %63
    qc.reset %63
    %145 = qc.measure %65
    qc.reset %65
    %146 = qc.measure %67
    qc.reset %67
    %147 = qc.measure %69
    qc.reset %69
    %148 = qc.measure %71
    qc.reset %71
    %149 = qc.measure %73
    qc.reset %73
    %150 = qc.measure %78
    qc.reset %78
    %151 = qc.measure %80
    qc.reset %80
    %152 = qc.measure %82
    qc.reset %82
    %153 = qc.measure %84
    qc.reset %84
    %154 = qc.measure %86
    qc.reset %86
    %155 = qc.measure %88
    qc.reset %88
    %156 = qc.measure %90
    qc.reset %90
    %157 = qc.measure %91
    qc.reset %91
    %158 = qc.measure %93
    qc.reset %93
    %159 = qc.measure %95
    qc.reset %95
    %160 = qc.measure %97
    qc.reset %97
    %161 = qc.measure %99
    qc.reset %99
    %162 = qc.measure %101
    qc.reset %101
    %163 = qc.measure %103
    qc.reset %103
    %164 = qc.measure %110
    qc.reset %110
    %165 = qc.measure %114
    qc.reset %114
    %166 = qc.measure %118
    qc.reset %118
    ckpt.detector [%129] coords [0.0, 4.0, 0.0]
    ckpt.detector [%143] coords [0.0, 8.0, 0.0]
    ckpt.detector [%157] coords [0.0, 12.0, 0.0]
    ckpt.detector [%122] coords [2.0, 2.0, 0.0]
    ckpt.detector [%136] coords [2.0, 6.0, 0.0]
    ckpt.detector [%150] coords [2.0, 10.0, 0.0]
    ckpt.detector [%131] coords [4.0, 4.0, 0.0]
    ckpt.detector [%145] coords [4.0, 8.0, 0.0]
    ckpt.detector [%159] coords [4.0, 12.0, 0.0]
    ckpt.detector [%124] coords [6.0, 2.0, 0.0]
    ckpt.detector [%138] coords [6.0, 6.0, 0.0]
    ckpt.detector [%152] coords [6.0, 10.0, 0.0]
    ckpt.detector [%133] coords [8.0, 4.0, 0.0]
    ckpt.detector [%147] coords [8.0, 8.0, 0.0]
    ckpt.detector [%161] coords [8.0, 12.0, 0.0]
    ckpt.detector [%126] coords [10.0, 2.0, 0.0]
    ckpt.detector [%140] coords [10.0, 6.0, 0.0]
    ckpt.detector [%154] coords [10.0, 10.0, 0.0]
    ckpt.detector [%135] coords [12.0, 4.0, 0.0]
    ckpt.detector [%149] coords [12.0, 8.0, 0.0]
    ckpt.detector [%163] coords [12.0, 12.0, 0.0]
    ckpt.detector [%128] coords [14.0, 2.0, 0.0]
    ckpt.detector [%142] coords [14.0, 6.0, 0.0]
    ckpt.detector [%156] coords [14.0, 10.0, 0.0]
    %167 = arith.constant 0 : index
    %168 = arith.constant 20 : index
    %169 = arith.constant 1 : index
    %170, %171, %172, %173, %174, %175, %176, %177, %178, %179, %180, %181, %182, %183, %184, %185, %186, %187, %188, %189, %190, %191, %192, %193, %194, %195, %196, %197, %198, %199, %200, %201, %202, %203, %204, %205, %206, %207, %208, %209, %210, %211, %212, %213, %214, %215, %216, %217 = scf.for %218 = %167 to %168 step %169 iter_args(%219 = %119, %220 = %120, %221 = %121, %222 = %122, %223 = %123, %224 = %124, %225 = %125, %226 = %126, %227 = %127, %228 = %128, %229 = %129, %230 = %130, %231 = %131, %232 = %132, %233 = %133, %234 = %134, %235 = %135, %236 = %136, %237 = %137, %238 = %138, %239 = %139, %240 = %140, %241 = %141, %242 = %142, %243 = %143, %244 = %144, %245 = %145, %246 = %146, %247 = %147, %248 = %148, %249 = %149, %250 = %150, %251 = %151, %252 = %152, %253 = %153, %254 = %154, %255 = %155, %256 = %156, %257 = %157, %258 = %158, %259 = %159, %260 = %160, %261 = %161, %262 = %162, %263 = %163, %264 = %164, %265 = %165, %266 = %166) -> (i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1) {
      qc.gate "h" %3
      qc.gate "h" %7
      qc.gate "h" %11
      qc.gate "h" %20
      qc.gate "h" %24
      qc.gate "h" %28
      qc.gate "h" %33
      qc.gate "h" %37
      qc.gate "h" %41
      qc.gate "h" %50
      qc.gate "h" %54
      qc.gate "h" %58
      qc.gate "h" %63
      qc.gate "h" %67
      qc.gate "h" %71
      qc.gate "h" %80
      qc.gate "h" %84
      qc.gate "h" %88
      qc.gate "h" %93
      qc.gate "h" %97
      qc.gate "h" %101
      qc.gate "h" %110
      qc.gate "h" %114
      qc.gate "h" %118
      qc.gate "cx" %3, %4
      qc.gate "cx" %33, %34
      qc.gate "cx" %63, %64
      qc.gate "cx" %93, %94
      qc.gate "cx" %20, %21
      qc.gate "cx" %50, %51
      qc.gate "cx" %80, %81
      qc.gate "cx" %7, %8
      qc.gate "cx" %37, %38
      qc.gate "cx" %67, %68
      qc.gate "cx" %97, %98
      qc.gate "cx" %24, %25
      qc.gate "cx" %54, %55
      qc.gate "cx" %84, %85
      qc.gate "cx" %11, %12
      qc.gate "cx" %41, %42
      qc.gate "cx" %71, %72
      qc.gate "cx" %101, %102
      qc.gate "cx" %28, %29
      qc.gate "cx" %58, %59
      qc.gate "cx" %88, %89
      qc.gate "cx" %32, %31
      qc.gate "cx" %62, %61
      qc.gate "cx" %92, %91
      qc.gate "cx" %19, %18
      qc.gate "cx" %49, %48
      qc.gate "cx" %79, %78
      qc.gate "cx" %36, %35
      qc.gate "cx" %66, %65
      qc.gate "cx" %96, %95
      qc.gate "cx" %23, %22
      qc.gate "cx" %53, %52
      qc.gate "cx" %83, %82
      qc.gate "cx" %40, %39
      qc.gate "cx" %70, %69
      qc.gate "cx" %100, %99
      qc.gate "cx" %27, %26
      qc.gate "cx" %57, %56
      qc.gate "cx" %87, %86
      qc.gate "cx" %44, %43
      qc.gate "cx" %74, %73
      qc.gate "cx" %104, %103
      qc.gate "cx" %3, %2
      qc.gate "cx" %33, %32
      qc.gate "cx" %63, %62
      qc.gate "cx" %93, %92
      qc.gate "cx" %20, %19
      qc.gate "cx" %50, %49
      qc.gate "cx" %80, %79
      qc.gate "cx" %7, %6
      qc.gate "cx" %37, %36
      qc.gate "cx" %67, %66
      qc.gate "cx" %97, %96
      qc.gate "cx" %24, %23
      qc.gate "cx" %54, %53
      qc.gate "cx" %84, %83
      qc.gate "cx" %11, %10
      qc.gate "cx" %41, %40
      qc.gate "cx" %71, %70
      qc.gate "cx" %101, %100
      qc.gate "cx" %28, %27
      qc.gate "cx" %58, %57
      qc.gate "cx" %88, %87
      qc.gate "cx" %17, %31
      qc.gate "cx" %47, %61
      qc.gate "cx" %77, %91
      qc.gate "cx" %4, %18
      qc.gate "cx" %34, %48
      qc.gate "cx" %64, %78
      qc.gate "cx" %21, %35
      qc.gate "cx" %51, %65
      qc.gate "cx" %81, %95
      qc.gate "cx" %8, %22
      qc.gate "cx" %38, %52
      qc.gate "cx" %68, %82
      qc.gate "cx" %25, %39
      qc.gate "cx" %55, %69
      qc.gate "cx" %85, %99
      qc.gate "cx" %12, %26
      qc.gate "cx" %42, %56
      qc.gate "cx" %72, %86
      qc.gate "cx" %29, %43
      qc.gate "cx" %59, %73
      qc.gate "cx" %89, %103
      qc.gate "cx" %33, %19
      qc.gate "cx" %63, %49
      qc.gate "cx" %93, %79
      qc.gate "cx" %20, %6
      qc.gate "cx" %50, %36
      qc.gate "cx" %80, %66
      qc.gate "cx" %110, %96
      qc.gate "cx" %37, %23
      qc.gate "cx" %67, %53
      qc.gate "cx" %97, %83
      qc.gate "cx" %24, %10
      qc.gate "cx" %54, %40
      qc.gate "cx" %84, %70
      qc.gate "cx" %114, %100
      qc.gate "cx" %41, %27
      qc.gate "cx" %71, %57
      qc.gate "cx" %101, %87
      qc.gate "cx" %28, %14
      qc.gate "cx" %58, %44
      qc.gate "cx" %88, %74
      qc.gate "cx" %118, %104
      qc.gate "cx" %17, %18
      qc.gate "cx" %47, %48
      qc.gate "cx" %77, %78
      qc.gate "cx" %34, %35
      qc.gate "cx" %64, %65
      qc.gate "cx" %94, %95
      qc.gate "cx" %21, %22
      qc.gate "cx" %51, %52
      qc.gate "cx" %81, %82
      qc.gate "cx" %38, %39
      qc.gate "cx" %68, %69
      qc.gate "cx" %98, %99
      qc.gate "cx" %25, %26
      qc.gate "cx" %55, %56
      qc.gate "cx" %85, %86
      qc.gate "cx" %42, %43
      qc.gate "cx" %72, %73
      qc.gate "cx" %102, %103
      qc.gate "cx" %29, %30
      qc.gate "cx" %59, %60
      qc.gate "cx" %89, %90
      qc.gate "cx" %33, %17
      qc.gate "cx" %63, %47
      qc.gate "cx" %93, %77
      qc.gate "cx" %20, %4
      qc.gate "cx" %50, %34
      qc.gate "cx" %80, %64
      qc.gate "cx" %110, %94
      qc.gate "cx" %37, %21
      qc.gate "cx" %67, %51
      qc.gate "cx" %97, %81
      qc.gate "cx" %24, %8
      qc.gate "cx" %54, %38
      qc.gate "cx" %84, %68
      qc.gate "cx" %114, %98
      qc.gate "cx" %41, %25
      qc.gate "cx" %71, %55
      qc.gate "cx" %101, %85
      qc.gate "cx" %28, %12
      qc.gate "cx" %58, %42
      qc.gate "cx" %88, %72
      qc.gate "cx" %118, %102
      qc.gate "cx" %2, %18
      qc.gate "cx" %32, %48
      qc.gate "cx" %62, %78
      qc.gate "cx" %19, %35
      qc.gate "cx" %49, %65
      qc.gate "cx" %79, %95
      qc.gate "cx" %6, %22
      qc.gate "cx" %36, %52
      qc.gate "cx" %66, %82
      qc.gate "cx" %23, %39
      qc.gate "cx" %53, %69
      qc.gate "cx" %83, %99
      qc.gate "cx" %10, %26
      qc.gate "cx" %40, %56
      qc.gate "cx" %70, %86
      qc.gate "cx" %27, %43
      qc.gate "cx" %57, %73
      qc.gate "cx" %87, %103
      qc.gate "cx" %14, %30
      qc.gate "cx" %44, %60
      qc.gate "cx" %74, %90
      qc.gate "h" %3
      qc.gate "h" %7
      qc.gate "h" %11
      qc.gate "h" %20
      qc.gate "h" %24
      qc.gate "h" %28
      qc.gate "h" %33
      qc.gate "h" %37
      qc.gate "h" %41
      qc.gate "h" %50
      qc.gate "h" %54
      qc.gate "h" %58
      qc.gate "h" %63
      qc.gate "h" %67
      qc.gate "h" %71
      qc.gate "h" %80
      qc.gate "h" %84
      qc.gate "h" %88
      qc.gate "h" %93
      qc.gate "h" %97
      qc.gate "h" %101
      qc.gate "h" %110
      qc.gate "h" %114
      qc.gate "h" %118
      %267 = qc.measure %3
      qc.reset %3
      %268 = qc.measure %7
      qc.reset %7
      %269 = qc.measure %11
      qc.reset %11
      %270 = qc.measure %18
      qc.reset %18
      %271 = qc.measure %20
      qc.reset %20
      %272 = qc.measure %22
      qc.reset %22
      %273 = qc.measure %24
      qc.reset %24
      %274 = qc.measure %26
      qc.reset %26
      %275 = qc.measure %28
      qc.reset %28
      %276 = qc.measure %30
      qc.reset %30
      %277 = qc.measure %31
      qc.reset %31
      %278 = qc.measure %33
      qc.reset %33
      %279 = qc.measure %35
      qc.reset %35
      %280 = qc.measure %37
      qc.reset %37
      %281 = qc.measure %39
      qc.reset %39
      %282 = qc.measure %41
      qc.reset %41
      %283 = qc.measure %43
      qc.reset %43
      %284 = qc.measure %48
      qc.reset %48
      %285 = qc.measure %50
      qc.reset %50
      %286 = qc.measure %52
      qc.reset %52
      %287 = qc.measure %54
      qc.reset %54
      %288 = qc.measure %56
      qc.reset %56
      %289 = qc.measure %58
      qc.reset %58
      %290 = qc.measure %60
      qc.reset %60
      %291 = qc.measure %61
      qc.reset %61
      %292 = qc.measure %63
      qc.reset %63
      %293 = qc.measure %65
      qc.reset %65
      %294 = qc.measure %67
      qc.reset %67
      %295 = qc.measure %69
      qc.reset %69
      %296 = qc.measure %71
      qc.reset %71
      %297 = qc.measure %73
      qc.reset %73
      %298 = qc.measure %78
      qc.reset %78
      %299 = qc.measure %80
      qc.reset %80
      %300 = qc.measure %82
      qc.reset %82
      %301 = qc.measure %84
      qc.reset %84
      %302 = qc.measure %86
      qc.reset %86
      %303 = qc.measure %88
      qc.reset %88
      %304 = qc.measure %90
      qc.reset %90
      %305 = qc.measure %91
      qc.reset %91
      %306 = qc.measure %93
      qc.reset %93
      %307 = qc.measure %95
      qc.reset %95
      %308 = qc.measure %97
      qc.reset %97
      %309 = qc.measure %99
      qc.reset %99
      %310 = qc.measure %101
      qc.reset %101
      %311 = qc.measure %103
      qc.reset %103
      %312 = qc.measure %110
      qc.reset %110
      %313 = qc.measure %114
      qc.reset %114
      %314 = qc.measure %118
      qc.reset %118
      ckpt.detector [%267, %219] coords [2.0, 0.0, 0.0]
      ckpt.detector [%268, %220] coords [6.0, 0.0, 0.0]
      ckpt.detector [%269, %221] coords [10.0, 0.0, 0.0]
      ckpt.detector [%270, %222] coords [2.0, 2.0, 0.0]
      ckpt.detector [%271, %223] coords [4.0, 2.0, 0.0]
      ckpt.detector [%272, %224] coords [6.0, 2.0, 0.0]
      ckpt.detector [%273, %225] coords [8.0, 2.0, 0.0]
      ckpt.detector [%274, %226] coords [10.0, 2.0, 0.0]
      ckpt.detector [%275, %227] coords [12.0, 2.0, 0.0]
      ckpt.detector [%276, %228] coords [14.0, 2.0, 0.0]
      ckpt.detector [%277, %229] coords [0.0, 4.0, 0.0]
      ckpt.detector [%278, %230] coords [2.0, 4.0, 0.0]
      ckpt.detector [%279, %231] coords [4.0, 4.0, 0.0]
      ckpt.detector [%280, %232] coords [6.0, 4.0, 0.0]
      ckpt.detector [%281, %233] coords [8.0, 4.0, 0.0]
      ckpt.detector [%282, %234] coords [10.0, 4.0, 0.0]
      ckpt.detector [%283, %235] coords [12.0, 4.0, 0.0]
      ckpt.detector [%284, %236] coords [2.0, 6.0, 0.0]
      ckpt.detector [%285, %237] coords [4.0, 6.0, 0.0]
      ckpt.detector [%286, %238] coords [6.0, 6.0, 0.0]
      ckpt.detector [%287, %239] coords [8.0, 6.0, 0.0]
      ckpt.detector [%288, %240] coords [10.0, 6.0, 0.0]
      ckpt.detector [%289, %241] coords [12.0, 6.0, 0.0]
      ckpt.detector [%290, %242] coords [14.0, 6.0, 0.0]
      ckpt.detector [%291, %243] coords [0.0, 8.0, 0.0]
      ckpt.detector [%292, %244] coords [2.0, 8.0, 0.0]
      ckpt.detector [%293, %245] coords [4.0, 8.0, 0.0]
      ckpt.detector [%294, %246] coords [6.0, 8.0, 0.0]
      ckpt.detector [%295, %247] coords [8.0, 8.0, 0.0]
      ckpt.detector [%296, %248] coords [10.0, 8.0, 0.0]
      ckpt.detector [%297, %249] coords [12.0, 8.0, 0.0]
      ckpt.detector [%298, %250] coords [2.0, 10.0, 0.0]
      ckpt.detector [%299, %251] coords [4.0, 10.0, 0.0]
      ckpt.detector [%300, %252] coords [6.0, 10.0, 0.0]
      ckpt.detector [%301, %253] coords [8.0, 10.0, 0.0]
      ckpt.detector [%302, %254] coords [10.0, 10.0, 0.0]
      ckpt.detector [%303, %255] coords [12.0, 10.0, 0.0]
      ckpt.detector [%304, %256] coords [14.0, 10.0, 0.0]
      ckpt.detector [%305, %257] coords [0.0, 12.0, 0.0]
      ckpt.detector [%306, %258] coords [2.0, 12.0, 0.0]
      ckpt.detector [%307, %259] coords [4.0, 12.0, 0.0]
      ckpt.detector [%308, %260] coords [6.0, 12.0, 0.0]
      ckpt.detector [%309, %261] coords [8.0, 12.0, 0.0]
      ckpt.detector [%310, %262] coords [10.0, 12.0, 0.0]
      ckpt.detector [%311, %263] coords [12.0, 12.0, 0.0]
      ckpt.detector [%312, %264] coords [4.0, 14.0, 0.0]
      ckpt.detector [%313, %265] coords [8.0, 14.0, 0.0]
      ckpt.detector [%314, %266] coords [12.0, 14.0, 0.0]
      scf.yield %267, %268, %269, %270, %271, %272, %273, %274, %275, %276, %277, %278, %279, %280, %281, %282, %283, %284, %285, %286, %287, %288, %289, %290, %291, %292, %293, %294, %295, %296, %297, %298, %299, %300, %301, %302, %303, %304, %305, %306, %307, %308, %309, %310, %311, %312, %313, %314 : i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1
    }
    %315 = qc.measure %2
    %316 = qc.measure %4
    %317 = qc.measure %6
    %318 = qc.measure %8
    %319 = qc.measure %10
    %320 = qc.measure %12
    %321 = qc.measure %14
    %322 = qc.measure %17
    %323 = qc.measure %19
    %324 = qc.measure %21
    %325 = qc.measure %23
    %326 = qc.measure %25
    %327 = qc.measure %27
    %328 = qc.measure %29
    %329 = qc.measure %32
    %330 = qc.measure %34
    %331 = qc.measure %36
    %332 = qc.measure %38
    %333 = qc.measure %40
    %334 = qc.measure %42
    %335 = qc.measure %44
    %336 = qc.measure %47
    %337 = qc.measure %49
    %338 = qc.measure %51
    %339 = qc.measure %53
    %340 = qc.measure %55
    %341 = qc.measure %57
    %342 = qc.measure %59
    %343 = qc.measure %62
    %344 = qc.measure %64
    %345 = qc.measure %66
    %346 = qc.measure %68
    %347 = qc.measure %70
    %348 = qc.measure %72
    %349 = qc.measure %74
    %350 = qc.measure %77
    %351 = qc.measure %79
    %352 = qc.measure %81
    %353 = qc.measure %83
    %354 = qc.measure %85
    %355 = qc.measure %87
    %356 = qc.measure %89
    %357 = qc.measure %92
    %358 = qc.measure %94
    %359 = qc.measure %96
    %360 = qc.measure %98
    %361 = qc.measure %100
    %362 = qc.measure %102
    %363 = qc.measure %104
    ckpt.detector [%329, %322, %180] coords [0.0, 4.0, 1.0]
    ckpt.detector [%343, %336, %194] coords [0.0, 8.0, 1.0]
    ckpt.detector [%357, %350, %208] coords [0.0, 12.0, 1.0]
    ckpt.detector [%323, %322, %316, %315, %173] coords [2.0, 2.0, 1.0]
    ckpt.detector [%337, %336, %330, %329, %187] coords [2.0, 6.0, 1.0]
    ckpt.detector [%351, %350, %344, %343, %201] coords [2.0, 10.0, 1.0]
    ckpt.detector [%331, %330, %324, %323, %182] coords [4.0, 4.0, 1.0]
    ckpt.detector [%345, %344, %338, %337, %196] coords [4.0, 8.0, 1.0]
    ckpt.detector [%359, %358, %352, %351, %210] coords [4.0, 12.0, 1.0]
    ckpt.detector [%325, %324, %318, %317, %175] coords [6.0, 2.0, 1.0]
    ckpt.detector [%339, %338, %332, %331, %189] coords [6.0, 6.0, 1.0]
    ckpt.detector [%353, %352, %346, %345, %203] coords [6.0, 10.0, 1.0]
    ckpt.detector [%333, %332, %326, %325, %184] coords [8.0, 4.0, 1.0]
    ckpt.detector [%347, %346, %340, %339, %198] coords [8.0, 8.0, 1.0]
    ckpt.detector [%361, %360, %354, %353, %212] coords [8.0, 12.0, 1.0]
    ckpt.detector [%327, %326, %320, %319, %177] coords [10.0, 2.0, 1.0]
    ckpt.detector [%341, %340, %334, %333, %191] coords [10.0, 6.0, 1.0]
    ckpt.detector [%355, %354, %348, %347, %205] coords [10.0, 10.0, 1.0]
    ckpt.detector [%335, %334, %328, %327, %186] coords [12.0, 4.0, 1.0]
    ckpt.detector [%349, %348, %342, %341, %200] coords [12.0, 8.0, 1.0]
    ckpt.detector [%363, %362, %356, %355, %214] coords [12.0, 12.0, 1.0]
    ckpt.detector [%328, %321, %179] coords [14.0, 2.0, 1.0]
    ckpt.detector [%342, %335, %193] coords [14.0, 6.0, 1.0]
    ckpt.detector [%356, %349, %207] coords [14.0, 10.0, 1.0]
    ckpt.observable 0 [%321, %320, %319, %318, %317, %316, %315]
    %364 = arith.xori %321, %320 : i1
    %365 = arith.xori %364, %319 : i1
    %366 = arith.xori %365, %318 : i1
    %367 = arith.xori %366, %317 : i1
    %368 = arith.xori %367, %316 : i1
    %369 = arith.xori %368, %315 : i1
    qc.output "logical" %369 : i1
    func.return
  }
}
