// surface_code:rotated_memory_z, distance 9, 27 rounds: stim.Circuit.generated, imported by examples/qec/generate.py
builtin.module {
  func.func @main() {
    %0 = qc.alloc "q" : !qc.reg<188>
    %1 = qc.qubit %0[0 : i64] : !qc.reg<188>
    %2 = qc.qubit %0[1 : i64] : !qc.reg<188>
    %3 = qc.qubit %0[2 : i64] : !qc.reg<188>
    %4 = qc.qubit %0[3 : i64] : !qc.reg<188>
    %5 = qc.qubit %0[4 : i64] : !qc.reg<188>
    %6 = qc.qubit %0[5 : i64] : !qc.reg<188>
    %7 = qc.qubit %0[6 : i64] : !qc.reg<188>
    %8 = qc.qubit %0[7 : i64] : !qc.reg<188>
    %9 = qc.qubit %0[8 : i64] : !qc.reg<188>
    %10 = qc.qubit %0[9 : i64] : !qc.reg<188>
    %11 = qc.qubit %0[10 : i64] : !qc.reg<188>
    %12 = qc.qubit %0[11 : i64] : !qc.reg<188>
    %13 = qc.qubit %0[12 : i64] : !qc.reg<188>
    %14 = qc.qubit %0[13 : i64] : !qc.reg<188>
    %15 = qc.qubit %0[14 : i64] : !qc.reg<188>
    %16 = qc.qubit %0[15 : i64] : !qc.reg<188>
    %17 = qc.qubit %0[16 : i64] : !qc.reg<188>
    %18 = qc.qubit %0[17 : i64] : !qc.reg<188>
    %19 = qc.qubit %0[18 : i64] : !qc.reg<188>
    %20 = qc.qubit %0[19 : i64] : !qc.reg<188>
    %21 = qc.qubit %0[20 : i64] : !qc.reg<188>
    %22 = qc.qubit %0[21 : i64] : !qc.reg<188>
    %23 = qc.qubit %0[22 : i64] : !qc.reg<188>
    %24 = qc.qubit %0[23 : i64] : !qc.reg<188>
    %25 = qc.qubit %0[24 : i64] : !qc.reg<188>
    %26 = qc.qubit %0[25 : i64] : !qc.reg<188>
    %27 = qc.qubit %0[26 : i64] : !qc.reg<188>
    %28 = qc.qubit %0[27 : i64] : !qc.reg<188>
    %29 = qc.qubit %0[28 : i64] : !qc.reg<188>
    %30 = qc.qubit %0[29 : i64] : !qc.reg<188>
    %31 = qc.qubit %0[30 : i64] : !qc.reg<188>
    %32 = qc.qubit %0[31 : i64] : !qc.reg<188>
    %33 = qc.qubit %0[32 : i64] : !qc.reg<188>
    %34 = qc.qubit %0[33 : i64] : !qc.reg<188>
    %35 = qc.qubit %0[34 : i64] : !qc.reg<188>
    %36 = qc.qubit %0[35 : i64] : !qc.reg<188>
    %37 = qc.qubit %0[36 : i64] : !qc.reg<188>
    %38 = qc.qubit %0[37 : i64] : !qc.reg<188>
    %39 = qc.qubit %0[38 : i64] : !qc.reg<188>
    %40 = qc.qubit %0[39 : i64] : !qc.reg<188>
    %41 = qc.qubit %0[40 : i64] : !qc.reg<188>
    %42 = qc.qubit %0[41 : i64] : !qc.reg<188>
    %43 = qc.qubit %0[42 : i64] : !qc.reg<188>
    %44 = qc.qubit %0[43 : i64] : !qc.reg<188>
    %45 = qc.qubit %0[44 : i64] : !qc.reg<188>
    %46 = qc.qubit %0[45 : i64] : !qc.reg<188>
    %47 = qc.qubit %0[46 : i64] : !qc.reg<188>
    %48 = qc.qubit %0[47 : i64] : !qc.reg<188>
    %49 = qc.qubit %0[48 : i64] : !qc.reg<188>
    %50 = qc.qubit %0[49 : i64] : !qc.reg<188>
    %51 = qc.qubit %0[50 : i64] : !qc.reg<188>
    %52 = qc.qubit %0[51 : i64] : !qc.reg<188>
    %53 = qc.qubit %0[52 : i64] : !qc.reg<188>
    %54 = qc.qubit %0[53 : i64] : !qc.reg<188>
    %55 = qc.qubit %0[54 : i64] : !qc.reg<188>
    %56 = qc.qubit %0[55 : i64] : !qc.reg<188>
    %57 = qc.qubit %0[56 : i64] : !qc.reg<188>
    %58 = qc.qubit %0[57 : i64] : !qc.reg<188>
    %59 = qc.qubit %0[58 : i64] : !qc.reg<188>
    %60 = qc.qubit %0[59 : i64] : !qc.reg<188>
    %61 = qc.qubit %0[60 : i64] : !qc.reg<188>
    %62 = qc.qubit %0[61 : i64] : !qc.reg<188>
    %63 = qc.qubit %0[62 : i64] : !qc.reg<188>
    %64 = qc.qubit %0[63 : i64] : !qc.reg<188>
    %65 = qc.qubit %0[64 : i64] : !qc.reg<188>
    %66 = qc.qubit %0[65 : i64] : !qc.reg<188>
    %67 = qc.qubit %0[66 : i64] : !qc.reg<188>
    %68 = qc.qubit %0[67 : i64] : !qc.reg<188>
    %69 = qc.qubit %0[68 : i64] : !qc.reg<188>
    %70 = qc.qubit %0[69 : i64] : !qc.reg<188>
    %71 = qc.qubit %0[70 : i64] : !qc.reg<188>
    %72 = qc.qubit %0[71 : i64] : !qc.reg<188>
    %73 = qc.qubit %0[72 : i64] : !qc.reg<188>
    %74 = qc.qubit %0[73 : i64] : !qc.reg<188>
    %75 = qc.qubit %0[74 : i64] : !qc.reg<188>
    %76 = qc.qubit %0[75 : i64] : !qc.reg<188>
    %77 = qc.qubit %0[76 : i64] : !qc.reg<188>
    %78 = qc.qubit %0[77 : i64] : !qc.reg<188>
    %79 = qc.qubit %0[78 : i64] : !qc.reg<188>
    %80 = qc.qubit %0[79 : i64] : !qc.reg<188>
    %81 = qc.qubit %0[80 : i64] : !qc.reg<188>
    %82 = qc.qubit %0[81 : i64] : !qc.reg<188>
    %83 = qc.qubit %0[82 : i64] : !qc.reg<188>
    %84 = qc.qubit %0[83 : i64] : !qc.reg<188>
    %85 = qc.qubit %0[84 : i64] : !qc.reg<188>
    %86 = qc.qubit %0[85 : i64] : !qc.reg<188>
    %87 = qc.qubit %0[86 : i64] : !qc.reg<188>
    %88 = qc.qubit %0[87 : i64] : !qc.reg<188>
    %89 = qc.qubit %0[88 : i64] : !qc.reg<188>
    %90 = qc.qubit %0[89 : i64] : !qc.reg<188>
    %91 = qc.qubit %0[90 : i64] : !qc.reg<188>
    %92 = qc.qubit %0[91 : i64] : !qc.reg<188>
    %93 = qc.qubit %0[92 : i64] : !qc.reg<188>
    %94 = qc.qubit %0[93 : i64] : !qc.reg<188>
    %95 = qc.qubit %0[94 : i64] : !qc.reg<188>
    %96 = qc.qubit %0[95 : i64] : !qc.reg<188>
    %97 = qc.qubit %0[96 : i64] : !qc.reg<188>
    %98 = qc.qubit %0[97 : i64] : !qc.reg<188>
    %99 = qc.qubit %0[98 : i64] : !qc.reg<188>
    %100 = qc.qubit %0[99 : i64] : !qc.reg<188>
    %101 = qc.qubit %0[100 : i64] : !qc.reg<188>
    %102 = qc.qubit %0[101 : i64] : !qc.reg<188>
    %103 = qc.qubit %0[102 : i64] : !qc.reg<188>
    %104 = qc.qubit %0[103 : i64] : !qc.reg<188>
    %105 = qc.qubit %0[104 : i64] : !qc.reg<188>
    %106 = qc.qubit %0[105 : i64] : !qc.reg<188>
    %107 = qc.qubit %0[106 : i64] : !qc.reg<188>
    %108 = qc.qubit %0[107 : i64] : !qc.reg<188>
    %109 = qc.qubit %0[108 : i64] : !qc.reg<188>
    %110 = qc.qubit %0[109 : i64] : !qc.reg<188>
    %111 = qc.qubit %0[110 : i64] : !qc.reg<188>
    %112 = qc.qubit %0[111 : i64] : !qc.reg<188>
    %113 = qc.qubit %0[112 : i64] : !qc.reg<188>
    %114 = qc.qubit %0[113 : i64] : !qc.reg<188>
    %115 = qc.qubit %0[114 : i64] : !qc.reg<188>
    %116 = qc.qubit %0[115 : i64] : !qc.reg<188>
    %117 = qc.qubit %0[116 : i64] : !qc.reg<188>
    %118 = qc.qubit %0[117 : i64] : !qc.reg<188>
    %119 = qc.qubit %0[118 : i64] : !qc.reg<188>
    %120 = qc.qubit %0[119 : i64] : !qc.reg<188>
    %121 = qc.qubit %0[120 : i64] : !qc.reg<188>
    %122 = qc.qubit %0[121 : i64] : !qc.reg<188>
    %123 = qc.qubit %0[122 : i64] : !qc.reg<188>
    %124 = qc.qubit %0[123 : i64] : !qc.reg<188>
    %125 = qc.qubit %0[124 : i64] : !qc.reg<188>
    %126 = qc.qubit %0[125 : i64] : !qc.reg<188>
    %127 = qc.qubit %0[126 : i64] : !qc.reg<188>
    %128 = qc.qubit %0[127 : i64] : !qc.reg<188>
    %129 = qc.qubit %0[128 : i64] : !qc.reg<188>
    %130 = qc.qubit %0[129 : i64] : !qc.reg<188>
    %131 = qc.qubit %0[130 : i64] : !qc.reg<188>
    %132 = qc.qubit %0[131 : i64] : !qc.reg<188>
    %133 = qc.qubit %0[132 : i64] : !qc.reg<188>
    %134 = qc.qubit %0[133 : i64] : !qc.reg<188>
    %135 = qc.qubit %0[134 : i64] : !qc.reg<188>
    %136 = qc.qubit %0[135 : i64] : !qc.reg<188>
    %137 = qc.qubit %0[136 : i64] : !qc.reg<188>
    %138 = qc.qubit %0[137 : i64] : !qc.reg<188>
    %139 = qc.qubit %0[138 : i64] : !qc.reg<188>
    %140 = qc.qubit %0[139 : i64] : !qc.reg<188>
    %141 = qc.qubit %0[140 : i64] : !qc.reg<188>
    %142 = qc.qubit %0[141 : i64] : !qc.reg<188>
    %143 = qc.qubit %0[142 : i64] : !qc.reg<188>
    %144 = qc.qubit %0[143 : i64] : !qc.reg<188>
    %145 = qc.qubit %0[144 : i64] : !qc.reg<188>
    %146 = qc.qubit %0[145 : i64] : !qc.reg<188>
    %147 = qc.qubit %0[146 : i64] : !qc.reg<188>
    %148 = qc.qubit %0[147 : i64] : !qc.reg<188>
    %149 = qc.qubit %0[148 : i64] : !qc.reg<188>
    %150 = qc.qubit %0[149 : i64] : !qc.reg<188>
    %151 = qc.qubit %0[150 : i64] : !qc.reg<188>
    %152 = qc.qubit %0[151 : i64] : !qc.reg<188>
    %153 = qc.qubit %0[152 : i64] : !qc.reg<188>
    %154 = qc.qubit %0[153 : i64] : !qc.reg<188>
    %155 = qc.qubit %0[154 : i64] : !qc.reg<188>
    %156 = qc.qubit %0[155 : i64] : !qc.reg<188>
    %157 = qc.qubit %0[156 : i64] : !qc.reg<188>
    %158 = qc.qubit %0[157 : i64] : !qc.reg<188>
    %159 = qc.qubit %0[158 : i64] : !qc.reg<188>
    %160 = qc.qubit %0[159 : i64] : !qc.reg<188>
    %161 = qc.qubit %0[160 : i64] : !qc.reg<188>
    %162 = qc.qubit %0[161 : i64] : !qc.reg<188>
    %163 = qc.qubit %0[162 : i64] : !qc.reg<188>
    %164 = qc.qubit %0[163 : i64] : !qc.reg<188>
    %165 = qc.qubit %0[164 : i64] : !qc.reg<188>
    %166 = qc.qubit %0[165 : i64] : !qc.reg<188>
    %167 = qc.qubit %0[166 : i64] : !qc.reg<188>
    %168 = qc.qubit %0[167 : i64] : !qc.reg<188>
    %169 = qc.qubit %0[168 : i64] : !qc.reg<188>
    %170 = qc.qubit %0[169 : i64] : !qc.reg<188>
    %171 = qc.qubit %0[170 : i64] : !qc.reg<188>
    %172 = qc.qubit %0[171 : i64] : !qc.reg<188>
    %173 = qc.qubit %0[172 : i64] : !qc.reg<188>
    %174 = qc.qubit %0[173 : i64] : !qc.reg<188>
    %175 = qc.qubit %0[174 : i64] : !qc.reg<188>
    %176 = qc.qubit %0[175 : i64] : !qc.reg<188>
    %177 = qc.qubit %0[176 : i64] : !qc.reg<188>
    %178 = qc.qubit %0[177 : i64] : !qc.reg<188>
    %179 = qc.qubit %0[178 : i64] : !qc.reg<188>
    %180 = qc.qubit %0[179 : i64] : !qc.reg<188>
    %181 = qc.qubit %0[180 : i64] : !qc.reg<188>
    %182 = qc.qubit %0[181 : i64] : !qc.reg<188>
    %183 = qc.qubit %0[182 : i64] : !qc.reg<188>
    %184 = qc.qubit %0[183 : i64] : !qc.reg<188>
    %185 = qc.qubit %0[184 : i64] : !qc.reg<188>
    %186 = qc.qubit %0[185 : i64] : !qc.reg<188>
    %187 = qc.qubit %0[186 : i64] : !qc.reg<188>
    %188 = qc.qubit %0[187 : i64] : !qc.reg<188>
    qc.reset %2
    qc.reset %4
    qc.reset %6
    qc.reset %8
    qc.reset %10
    qc.reset %12
    qc.reset %14
    qc.reset %16
    qc.reset %18
    qc.reset %21
    qc.reset %23
    qc.reset %25
    qc.reset %27
    qc.reset %29
    qc.reset %31
    qc.reset %33
    qc.reset %35
    qc.reset %37
    qc.reset %40
    qc.reset %42
    qc.reset %44
    qc.reset %46
    qc.reset %48
    qc.reset %50
    qc.reset %52
    qc.reset %54
    qc.reset %56
    qc.reset %59
    qc.reset %61
    qc.reset %63
    qc.reset %65
    qc.reset %67
    qc.reset %69
    qc.reset %71
    qc.reset %73
    qc.reset %75
    qc.reset %78
    qc.reset %80
    qc.reset %82
    qc.reset %84
    qc.reset %86
    qc.reset %88
    qc.reset %90
    qc.reset %92
    qc.reset %94
    qc.reset %97
    qc.reset %99
    qc.reset %101
    qc.reset %103
    qc.reset %105
    qc.reset %107
    qc.reset %109
    qc.reset %111
    qc.reset %113
    qc.reset %116
    qc.reset %118
    qc.reset %120
    qc.reset %122
    qc.reset %124
    qc.reset %126
    qc.reset %128
    qc.reset %130
    qc.reset %132
    qc.reset %135
    qc.reset %137
    qc.reset %139
    qc.reset %141
    qc.reset %143
    qc.reset %145
    qc.reset %147
    qc.reset %149
    qc.reset %151
    qc.reset %154
    qc.reset %156
    qc.reset %158
    qc.reset %160
    qc.reset %162
    qc.reset %164
    qc.reset %166
    qc.reset %168
    qc.reset %170
    qc.reset %3
    qc.reset %7
    qc.reset %11
    qc.reset %15
    qc.reset %22
    qc.reset %24
    qc.reset %26
    qc.reset %28
    qc.reset %30
    qc.reset %32
    qc.reset %34
    qc.reset %36
    qc.reset %38
    qc.reset %39
    qc.reset %41
    qc.reset %43
    qc.reset %45
    qc.reset %47
    qc.reset %49
    qc.reset %51
    qc.reset %53
    qc.reset %55
    qc.reset %60
    qc.reset %62
    qc.reset %64
    qc.reset %66
    qc.reset %68
    qc.reset %70
    qc.reset %72
    qc.reset %74
    qc.reset %76
    qc.reset %77
    qc.reset %79
    qc.reset %81
    qc.reset %83
    qc.reset %85
    qc.reset %87
    qc.reset %89
    qc.reset %91
    qc.reset %93
    qc.reset %98
    qc.reset %100
    qc.reset %102
    qc.reset %104
    qc.reset %106
    qc.reset %108
    qc.reset %110
    qc.reset %112
    qc.reset %114
    qc.reset %115
    qc.reset %117
    qc.reset %119
    qc.reset %121
    qc.reset %123
    qc.reset %125
    qc.reset %127
    qc.reset %129
    qc.reset %131
    qc.reset %136
    qc.reset %138
    qc.reset %140
    qc.reset %142
    qc.reset %144
    qc.reset %146
    qc.reset %148
    qc.reset %150
    qc.reset %152
    qc.reset %153
    qc.reset %155
    qc.reset %157
    qc.reset %159
    qc.reset %161
    qc.reset %163
    qc.reset %165
    qc.reset %167
    qc.reset %169
    qc.reset %176
    qc.reset %180
    qc.reset %184
    qc.reset %188
    qc.gate "h" %3
    qc.gate "h" %7
    qc.gate "h" %11
    qc.gate "h" %15
    qc.gate "h" %24
    qc.gate "h" %28
    qc.gate "h" %32
    qc.gate "h" %36
    qc.gate "h" %41
    qc.gate "h" %45
    qc.gate "h" %49
    qc.gate "h" %53
    qc.gate "h" %62
    qc.gate "h" %66
    qc.gate "h" %70
    qc.gate "h" %74
    qc.gate "h" %79
    qc.gate "h" %83
    qc.gate "h" %87
    qc.gate "h" %91
    qc.gate "h" %100
    qc.gate "h" %104
    qc.gate "h" %108
    qc.gate "h" %112
    qc.gate "h" %117
    qc.gate "h" %121
    qc.gate "h" %125
    qc.gate "h" %129
    qc.gate "h" %138
    qc.gate "h" %142
    qc.gate "h" %146
    qc.gate "h" %150
    qc.gate "h" %155
    qc.gate "h" %159
    qc.gate "h" %163
    qc.gate "h" %167
    qc.gate "h" %176
    qc.gate "h" %180
    qc.gate "h" %184
    qc.gate "h" %188
    qc.gate "cx" %3, %4
    qc.gate "cx" %41, %42
    qc.gate "cx" %79, %80
    qc.gate "cx" %117, %118
    qc.gate "cx" %155, %156
    qc.gate "cx" %24, %25
    qc.gate "cx" %62, %63
    qc.gate "cx" %100, %101
    qc.gate "cx" %138, %139
    qc.gate "cx" %7, %8
    qc.gate "cx" %45, %46
    qc.gate "cx" %83, %84
    qc.gate "cx" %121, %122
    qc.gate "cx" %159, %160
    qc.gate "cx" %28, %29
    qc.gate "cx" %66, %67
    qc.gate "cx" %104, %105
    qc.gate "cx" %142, %143
    qc.gate "cx" %11, %12
    qc.gate "cx" %49, %50
    qc.gate "cx" %87, %88
    qc.gate "cx" %125, %126
    qc.gate "cx" %163, %164
    qc.gate "cx" %32, %33
    qc.gate "cx" %70, %71
    qc.gate "cx" %108, %109
    qc.gate "cx" %146, %147
    qc.gate "cx" %15, %16
    qc.gate "cx" %53, %54
    qc.gate "cx" %91, %92
    qc.gate "cx" %129, %130
    qc.gate "cx" %167, %168
    qc.gate "cx" %36, %37
    qc.gate "cx" %74, %75
    qc.gate "cx" %112, %113
    qc.gate "cx" %150, %151
    qc.gate "cx" %40, %39
    qc.gate "cx" %78, %77
    qc.gate "cx" %116, %115
    qc.gate "cx" %154, %153
    qc.gate "cx" %23, %22
    qc.gate "cx" %61, %60
    qc.gate "cx" %99, %98
    qc.gate "cx" %137, %136
    qc.gate "cx" %44, %43
    qc.gate "cx" %82, %81
    qc.gate "cx" %120, %119
    qc.gate "cx" %158, %157
    qc.gate "cx" %27, %26
    qc.gate "cx" %65, %64
    qc.gate "cx" %103, %102
    qc.gate "cx" %141, %140
    qc.gate "cx" %48, %47
    qc.gate "cx" %86, %85
    qc.gate "cx" %124, %123
    qc.gate "cx" %162, %161
    qc.gate "cx" %31, %30
    qc.gate "cx" %69, %68
    qc.gate "cx" %107, %106
    qc.gate "cx" %145, %144
    qc.gate "cx" %52, %51
    qc.gate "cx" %90, %89
    qc.gate "cx" %128, %127
    qc.gate "cx" %166, %165
    qc.gate "cx" %35, %34
    qc.gate "cx" %73, %72
    qc.gate "cx" %111, %110
    qc.gate "cx" %149, %148
    qc.gate "cx" %56, %55
    qc.gate "cx" %94, %93
    qc.gate "cx" %132, %131
    qc.gate "cx" %170, %169
    qc.gate "cx" %3, %2
    qc.gate "cx" %41, %40
    qc.gate "cx" %79, %78
    qc.gate "cx" %117, %116
    qc.gate "cx" %155, %154
    qc.gate "cx" %24, %23
    qc.gate "cx" %62, %61
    qc.gate "cx" %100, %99
    qc.gate "cx" %138, %137
    qc.gate "cx" %7, %6
    qc.gate "cx" %45, %44
    qc.gate "cx" %83, %82
    qc.gate "cx" %121, %120
    qc.gate "cx" %159, %158
    qc.gate "cx" %28, %27
    qc.gate "cx" %66, %65
    qc.gate "cx" %104, %103
    qc.gate "cx" %142, %141
    qc.gate "cx" %11, %10
    qc.gate "cx" %49, %48
    qc.gate "cx" %87, %86
    qc.gate "cx" %125, %124
    qc.gate "cx" %163, %162
    qc.gate "cx" %32, %31
    qc.gate "cx" %70, %69
    qc.gate "cx" %108, %107
    qc.gate "cx" %146, %145
    qc.gate "cx" %15, %14
    qc.gate "cx" %53, %52
    qc.gate "cx" %91, %90
    qc.gate "cx" %129, %128
    qc.gate "cx" %167, %166
    qc.gate "cx" %36, %35
    qc.gate "cx" %74, %73
    qc.gate "cx" %112, %111
    qc.gate "cx" %150, %149
    qc.gate "cx" %21, %39
    qc.gate "cx" %59, %77
    qc.gate "cx" %97, %115
    qc.gate "cx" %135, %153
    qc.gate "cx" %4, %22
    qc.gate "cx" %42, %60
    qc.gate "cx" %80, %98
    qc.gate "cx" %118, %136
    qc.gate "cx" %25, %43
    qc.gate "cx" %63, %81
    qc.gate "cx" %101, %119
    qc.gate "cx" %139, %157
    qc.gate "cx" %8, %26
    qc.gate "cx" %46, %64
    qc.gate "cx" %84, %102
    qc.gate "cx" %122, %140
    qc.gate "cx" %29, %47
    qc.gate "cx" %67, %85
    qc.gate "cx" %105, %123
    qc.gate "cx" %143, %161
    qc.gate "cx" %12, %30
    qc.gate "cx" %50, %68
    qc.gate "cx" %88, %106
    qc.gate "cx" %126, %144
    qc.gate "cx" %33, %51
    qc.gate "cx" %71, %89
    qc.gate "cx" %109, %127
    qc.gate "cx" %147, %165
    qc.gate "cx" %16, %34
    qc.gate "cx" %54, %72
    qc.gate "cx" %92, %110
    qc.gate "cx" %130, %148
    qc.gate "cx" %37, %55
    qc.gate "cx" %75, %93
    qc.gate "cx" %113, %131
    qc.gate "cx" %151, %169
    qc.gate "cx" %41, %23
    qc.gate "cx" %79, %61
    qc.gate "cx" %117, %99
    qc.gate "cx" %155, %137
    qc.gate "cx" %24, %6
    qc.gate "cx" %62, %44
    qc.gate "cx" %100, %82
    qc.gate "cx" %138, %120
    qc.gate "cx" %176, %158
    qc.gate "cx" %45, %27
    qc.gate "cx" %83, %65
    qc.gate "cx" %121, %103
    qc.gate "cx" %159, %141
    qc.gate "cx" %28, %10
    qc.gate "cx" %66, %48
    qc.gate "cx" %104, %86
    qc.gate "cx" %142, %124
    qc.gate "cx" %180, %162
    qc.gate "cx" %49, %31
    qc.gate "cx" %87, %69
    qc.gate "cx" %125, %107
    qc.gate "cx" %163, %145
    qc.gate "cx" %32, %14
    qc.gate "cx" %70, %52
    qc.gate "cx" %108, %90
    qc.gate "cx" %146, %128
    qc.gate "cx" %184, %166
    qc.gate "cx" %53, %35
    qc.gate "cx" %91, %73
    qc.gate "cx" %129, %111
    qc.gate "cx" %167, %149
    qc.gate "cx" %36, %18
    qc.gate "cx" %74, %56
    qc.gate "cx" %112, %94
    qc.gate "cx" %150, %132
    qc.gate "cx" %188, %170
    qc.gate "cx" %21, %22
    qc.gate "cx" %59, %60
    qc.gate "cx" %97, %98
    qc.gate "cx" %135, %136
    qc.gate "cx" %42, %43
    qc.gate "cx" %80, %81
    qc.gate "cx" %118, %119
    qc.gate "cx" %156, %157
    qc.gate "cx" %25, %26
    qc.gate "cx" %63, %64
    qc.gate "cx" %101, %102
    qc.gate "cx" %139, %140
    qc.gate "cx" %46, %47
    qc.gate "cx" %84, %85
    qc.gate "cx" %122, %123
    qc.gate "cx" %160, %161
    qc.gate "cx" %29, %30
    qc.gate "cx" %67, %68
    qc.gate "cx" %105, %106
    qc.gate "cx" %143, %144
    qc.gate "cx" %50, %51
    qc.gate "cx" %88, %89
    qc.gate "cx" %126, %127
    qc.gate "cx" %164, %165
    qc.gate "cx" %33, %34
    qc.gate "cx" %71, %72
    qc.gate "cx" %109, %110
    qc.gate "cx" %147, %148
    qc.gate "cx" %54, %55
    qc.gate "cx" %92, %93
    qc.gate "cx" %130, %131
    qc.gate "cx" %168, %169
    qc.gate "cx" %37, %38
    qc.gate "cx" %75, %76
    qc.gate "cx" %113, %114
    qc.gate "cx" %151, %152
    qc.gate "cx" %41, %21
    qc.gate "cx" %79, %59
    qc.gate "cx" %117, %97
    qc.gate "cx" %155, %135
    qc.gate "cx" %24, %4
    qc.gate "cx" %62, %42
    qc.gate "cx" %100, %80
    qc.gate "cx" %138, %118
    qc.gate "cx" %176, %156
    qc.gate "cx" %45, %25
    qc.gate "cx" %83, %63
    qc.gate "cx" %121, %101
    qc.gate "cx" %159, %139
    qc.gate "cx" %28, %8
    qc.gate "cx" %66, %46
    qc.gate "cx" %104, %84
    qc.gate "cx" %142, %122
    qc.gate "cx" %180, %160
    qc.gate "cx" %49, %29
    qc.gate "cx" %87, %67
    qc.gate "cx" %125, %105
    qc.gate "cx" %163, %143
    qc.gate "cx" %32, %12
    qc.gate "cx" %70, %50
    qc.gate "cx" %108, %88
    qc.gate "cx" %146, %126
    qc.gate "cx" %184, %164
    qc.gate "cx" %53, %33
    qc.gate "cx" %91, %71
    qc.gate "cx" %129, %109
    qc.gate "cx" %167, %147
    qc.gate "cx" %36, %16
    qc.gate "cx" %74, %54
    qc.gate "cx" %112, %92
    qc.gate "cx" %150, %130
    qc.gate "cx" %188, %168
    qc.gate "cx" %2, %22
    qc.gate "cx" %40, %60
    qc.gate "cx" %78, %98
    qc.gate "cx" %116, %136
    qc.gate "cx" %23, %43
    qc.gate "cx" %61, %81
    qc.gate "cx" %99, %119
    qc.gate "cx" %137, %157
    qc.gate "cx" %6, %26
    qc.gate "cx" %44, %64
    qc.gate "cx" %82, %102
    qc.gate "cx" %120, %140
    qc.gate "cx" %27, %47
    qc.gate "cx" %65, %85
    qc.gate "cx" %103, %123
    qc.gate "cx" %141, %161
    qc.gate "cx" %10, %30
    qc.gate "cx" %48, %68
    qc.gate "cx" %86, %106
    qc.gate "cx" %124, %144
    qc.gate "cx" %31, %51
    qc.gate "cx" %69, %89
    qc.gate "cx" %107, %127
    qc.gate "cx" %145, %165
    qc.gate "cx" %14, %34
    qc.gate "cx" %52, %72
    qc.gate "cx" %90, %110
    qc.gate "cx" %128, %148
    qc.gate "cx" %35, %55
    qc.gate "cx" %73, %93
    qc.gate "cx" %111, %131
    qc.gate "cx" %149, %169
    qc.gate "cx" %18, %38
    qc.gate "cx" %56, %76
    qc.gate "cx" %94, %114
    qc.gate "cx" %132, %152
    qc.gate "h" %3
    qc.gate "h" %7
    qc.gate "h" %11
    qc.gate "h" %15
    qc.gate "h" %24
    qc.gate "h" %28
    qc.gate "h" %32
    qc.gate "h" %36
    qc.gate "h" %41
    qc.gate "h" %45
    qc.gate "h" %49
    qc.gate "h" %53
    qc.gate "h" %62
    qc.gate "h" %66
    qc.gate "h" %70
    qc.gate "h" %74
    qc.gate "h" %79
    qc.gate "h" %83
    qc.gate "h" %87
    qc.gate "h" %91
    qc.gate "h" %100
    qc.gate "h" %104
    qc.gate "h" %108
    qc.gate "h" %112
    qc.gate "h" %117
    qc.gate "h" %121
    qc.gate "h" %125
    qc.gate "h" %129
    qc.gate "h" %138
    qc.gate "h" %142
    qc.gate "h" %146
    qc.gate "h" %150
    qc.gate "h" %155
    qc.gate "h" %159
    qc.gate "h" %163
    qc.gate "h" %167
    qc.gate "h" %176
    qc.gate "h" %180
    qc.gate "h" %184
    qc.gate "h" %188
    %189 = qc.measure %3
    qc.reset %3
    %190 = qc.measure %7
    qc.reset %7
    %191 = qc.measure %11
    qc.reset %11
    %192 = qc.measure %15
    qc.reset %15
    %193 = qc.measure %22
    qc.reset %22
    %194 = qc.measure %24
    qc.reset %24
    %195 = qc.measure %26
    qc.reset %26
    %196 = qc.measure %28
    qc.reset %28
    %197 = qc.measure %30
    qc.reset %30
    %198 = qc.measure %32
    qc.reset %32
    %199 = qc.measure %34
    qc.reset %34
    %200 = qc.measure %36
    qc.reset %36
    %201 = qc.measure %38
    qc.reset %38
    %202 = qc.measure %39
    qc.reset %39
    %203 = qc.measure %41
    qc.reset %41
    %204 = qc.measure %43
    qc.reset %43
    %205 = qc.measure %45
    qc.reset %45
    %206 = qc.measure %47
    qc.reset %47
    %207 = qc.measure %49
    qc.reset %49
    %208 = qc.measure %51
    qc.reset %51
    %209 = qc.measure %53
    qc.reset %53
    %210 = qc.measure %55
    qc.reset %55
    %211 = qc.measure %60
    qc.reset %60
    %212 = qc.measure %62
    qc.reset %62
    %213 = qc.measure %64
    qc.reset %64
    %214 = qc.measure %66
    qc.reset %66
    %215 = qc.measure %68
    qc.reset %68
    %216 = qc.measure %70
    qc.reset %70
    %217 = qc.measure %72
    qc.reset %72
    %218 = qc.measure %74
    qc.reset %74
    %219 = qc.measure %76
    qc.reset %76
    %220 = qc.measure %77
    qc.reset %77
    %221 = qc.measure %79
    qc.reset %79
    %222 = qc.measure %81
    qc.reset %81
    %223 = qc.measure %83
    qc.reset %83
    %224 = qc.measure %85
    qc.reset %85
    %225 = qc.measure %87
    qc.reset %87
    %226 = qc.measure %89
    qc.reset %89
    %227 = qc.measure %91
    qc.reset %91
    %228 = qc.measure %93
    qc.reset %93
    %229 = qc.measure %98
    qc.reset %98
    %230 = qc.measure %100
    qc.reset %100
    %231 = qc.measure %102
    qc.reset %102
    %232 = qc.measure %104
    qc.reset %104
    %233 = qc.measure %106
    qc.reset %106
    %234 = qc.measure %108
    qc.reset %108
    %235 = qc.measure %110
    qc.reset %110
    %236 = qc.measure %112
    qc.reset %112
    %237 = qc.measure %114
    qc.reset %114
    %238 = qc.measure %115
    qc.reset %115
    %239 = qc.measure %117
    qc.reset %117
    %240 = qc.measure %119
    qc.reset %119
    %241 = qc.measure %121
    qc.reset %121
    %242 = qc.measure %123
    qc.reset %123
    %243 = qc.measure %125
    qc.reset %125
    %244 = qc.measure %127
    qc.reset %127
    %245 = qc.measure %129
    qc.reset %129
    %246 = qc.measure %131
    qc.reset %131
    %247 = qc.measure %136
    qc.reset %136
    %248 = qc.measure %138
    qc.reset %138
    %249 = qc.measure %140
    qc.reset %140
    %250 = qc.measure %142
    qc.reset %142
    %251 = qc.measure %144
    qc.reset %144
    %252 = qc.measure %146
    qc.reset %146
    %253 = qc.measure %148
    qc.reset %148
    %254 = qc.measure %150
    qc.reset %150
    %255 = qc.measure %152
    qc.reset %152
    %256 = qc.measure %153
    qc.reset %153
    %257 = qc.measure %155
    qc.reset %155
    %258 = qc.measure %157
    qc.reset %157
    %259 = qc.measure %159
    qc.reset %159
    %260 = qc.measure %161
    qc.reset %161
    %261 = qc.measure %163
    qc.reset %163
    %262 = qc.measure %165
    qc.reset %165
    %263 = qc.measure %167
    qc.reset %167
    %264 = qc.measure %169
    qc.reset %169
    %265 = qc.measure %176
    qc.reset %176
    %266 = qc.measure %180
    qc.reset %180
    %267 = qc.measure %184
    qc.reset %184
    %268 = qc.measure %188
    qc.reset %188
    ckpt.detector [%202] coords [0.0, 4.0, 0.0]
    ckpt.detector [%220] coords [0.0, 8.0, 0.0]
    ckpt.detector [%238] coords [0.0, 12.0, 0.0]
    ckpt.detector [%256] coords [0.0, 16.0, 0.0]
    ckpt.detector [%193] coords [2.0, 2.0, 0.0]
    ckpt.detector [%211] coords [2.0, 6.0, 0.0]
    ckpt.detector [%229] coords [2.0, 10.0, 0.0]
    ckpt.detector [%247] coords [2.0, 14.0, 0.0]
    ckpt.detector [%204] coords [4.0, 4.0, 0.0]
    ckpt.detector [%222] coords [4.0, 8.0, 0.0]
    ckpt.detector [%240] coords [4.0, 12.0, 0.0]
    ckpt.detector [%258] coords [4.0, 16.0, 0.0]
    ckpt.detector [%195] coords [6.0, 2.0, 0.0]
    ckpt.detector [%213] coords [6.0, 6.0, 0.0]
    ckpt.detector [%231] coords [6.0, 10.0, 0.0]
    ckpt.detector [%249] coords [6.0, 14.0, 0.0]
    ckpt.detector [%206] coords [8.0, 4.0, 0.0]
    ckpt.detector [%224] coords [8.0, 8.0, 0.0]
    ckpt.detector [%242] coords [8.0, 12.0, 0.0]
    ckpt.detector [%260] coords [8.0, 16.0, 0.0]
    ckpt.detector [%197] coords [10.0, 2.0, 0.0]
    ckpt.detector [%215] coords [10.0, 6.0, 0.0]
    ckpt.detector [%233] coords [10.0, 10.0, 0.0]
    ckpt.detector [%251] coords [10.0, 14.0, 0.0]
    ckpt.detector [%208] coords [12.0, 4.0, 0.0]
    ckpt.detector [%226] coords [12.0, 8.0, 0.0]
    ckpt.detector [%244] coords [12.0, 12.0, 0.0]
    ckpt.detector [%262] coords [12.0, 16.0, 0.0]
    ckpt.detector [%199] coords [14.0, 2.0, 0.0]
    ckpt.detector [%217] coords [14.0, 6.0, 0.0]
    ckpt.detector [%235] coords [14.0, 10.0, 0.0]
    ckpt.detector [%253] coords [14.0, 14.0, 0.0]
    ckpt.detector [%210] coords [16.0, 4.0, 0.0]
    ckpt.detector [%228] coords [16.0, 8.0, 0.0]
    ckpt.detector [%246] coords [16.0, 12.0, 0.0]
    ckpt.detector [%264] coords [16.0, 16.0, 0.0]
    ckpt.detector [%201] coords [18.0, 2.0, 0.0]
    ckpt.detector [%219] coords [18.0, 6.0, 0.0]
    ckpt.detector [%237] coords [18.0, 10.0, 0.0]
    ckpt.detector [%255] coords [18.0, 14.0, 0.0]
    %269 = arith.constant 0 : index
    %270 = arith.constant 26 : index
    %271 = arith.constant 1 : index
    %272, %273, %274, %275, %276, %277, %278, %279, %280, %281, %282, %283, %284, %285, %286, %287, %288, %289, %290, %291, %292, %293, %294, %295, %296, %297, %298, %299, %300, %301, %302, %303, %304, %305, %306, %307, %308, %309, %310, %311, %312, %313, %314, %315, %316, %317, %318, %319, %320, %321, %322, %323, %324, %325, %326, %327, %328, %329, %330, %331, %332, %333, %334, %335, %336, %337, %338, %339, %340, %341, %342, %343, %344, %345, %346, %347, %348, %349, %350, %351 = scf.for %352 = %269 to %270 step %271 iter_args(%353 = %189, %354 = %190, %355 = %191, %356 = %192, %357 = %193, %358 = %194, %359 = %195, %360 = %196, %361 = %197, %362 = %198, %363 = %199, %364 = %200, %365 = %201, %366 = %202, %367 = %203, %368 = %204, %369 = %205, %370 = %206, %371 = %207, %372 = %208, %373 = %209, %374 = %210, %375 = %211, %376 = %212, %377 = %213, %378 = %214, %379 = %215, %380 = %216, %381 = %217, %382 = %218, %383 = %219, %384 = %220, %385 = %221, %386 = %222, %387 = %223, %388 = %224, %389 = %225, %390 = %226, %391 = %227, %392 = %228, %393 = %229, %394 = %230, %395 = %231, %396 = %232, %397 = %233, %398 = %234, %399 = %235, %400 = %236, %401 = %237, %402 = %238, %403 = %239, %404 = %240, %405 = %241, %406 = %242, %407 = %243, %408 = %244, %409 = %245, %410 = %246, %411 = %247, %412 = %248, %413 = %249, %414 = %250, %415 = %251, %416 = %252, %417 = %253, %418 = %254, %419 = %255, %420 = %256, %421 = %257, %422 = %258, %423 = %259, %424 = %260, %425 = %261, %426 = %262, %427 = %263, %428 = %264, %429 = %265, %430 = %266, %431 = %267, %432 = %268) -> (i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1) {
      qc.gate "h" %3
      qc.gate "h" %7
      qc.gate "h" %11
      qc.gate "h" %15
      qc.gate "h" %24
      qc.gate "h" %28
      qc.gate "h" %32
      qc.gate "h" %36
      qc.gate "h" %41
      qc.gate "h" %45
      qc.gate "h" %49
      qc.gate "h" %53
      qc.gate "h" %62
      qc.gate "h" %66
      qc.gate "h" %70
      qc.gate "h" %74
      qc.gate "h" %79
      qc.gate "h" %83
      qc.gate "h" %87
      qc.gate "h" %91
      qc.gate "h" %100
      qc.gate "h" %104
      qc.gate "h" %108
      qc.gate "h" %112
      qc.gate "h" %117
      qc.gate "h" %121
      qc.gate "h" %125
      qc.gate "h" %129
      qc.gate "h" %138
      qc.gate "h" %142
      qc.gate "h" %146
      qc.gate "h" %150
      qc.gate "h" %155
      qc.gate "h" %159
      qc.gate "h" %163
      qc.gate "h" %167
      qc.gate "h" %176
      qc.gate "h" %180
      qc.gate "h" %184
      qc.gate "h" %188
      qc.gate "cx" %3, %4
      qc.gate "cx" %41, %42
      qc.gate "cx" %79, %80
      qc.gate "cx" %117, %118
      qc.gate "cx" %155, %156
      qc.gate "cx" %24, %25
      qc.gate "cx" %62, %63
      qc.gate "cx" %100, %101
      qc.gate "cx" %138, %139
      qc.gate "cx" %7, %8
      qc.gate "cx" %45, %46
      qc.gate "cx" %83, %84
      qc.gate "cx" %121, %122
      qc.gate "cx" %159, %160
      qc.gate "cx" %28, %29
      qc.gate "cx" %66, %67
      qc.gate "cx" %104, %105
      qc.gate "cx" %142, %143
      qc.gate "cx" %11, %12
      qc.gate "cx" %49, %50
      qc.gate "cx" %87, %88
      qc.gate "cx" %125, %126
      qc.gate "cx" %163, %164
      qc.gate "cx" %32, %33
      qc.gate "cx" %70, %71
      qc.gate "cx" %108, %109
      qc.gate "cx" %146, %147
      qc.gate "cx" %15, %16
      qc.gate "cx" %53, %54
      qc.gate "cx" %91, %92
      qc.gate "cx" %129, %130
      qc.gate "cx" %167, %168
      qc.gate "cx" %36, %37
      qc.gate "cx" %74, %75
      qc.gate "cx" %112, %113
      qc.gate "cx" %150, %151
      qc.gate "cx" %40, %39
      qc.gate "cx" %78, %77
      qc.gate "cx" %116, %115
      qc.gate "cx" %154, %153
      qc.gate "cx" %23, %22
      qc.gate "cx" %61, %60
      qc.gate "cx" %99, %98
      qc.gate "cx" %137, %136
      qc.gate "cx" %44, %43
      qc.gate "cx" %82, %81
      qc.gate "cx" %120, %119
      qc.gate "cx" %158, %157
      qc.gate "cx" %27, %26
      qc.gate "cx" %65, %64
      qc.gate "cx" %103, %102
      qc.gate "cx" %141, %140
      qc.gate "cx" %48, %47
      qc.gate "cx" %86, %85
      qc.gate "cx" %124, %123
      qc.gate "cx" %162, %161
      qc.gate "cx" %31, %30
      qc.gate "cx" %69, %68
      qc.gate "cx" %107, %106
      qc.gate "cx" %145, %144
      qc.gate "cx" %52, %51
      qc.gate "cx" %90, %89
      qc.gate "cx" %128, %127
      qc.gate "cx" %166, %165
      qc.gate "cx" %35, %34
      qc.gate "cx" %73, %72
      qc.gate "cx" %111, %110
      qc.gate "cx" %149, %148
      qc.gate "cx" %56, %55
      qc.gate "cx" %94, %93
      qc.gate "cx" %132, %131
      qc.gate "cx" %170, %169
      qc.gate "cx" %3, %2
      qc.gate "cx" %41, %40
      qc.gate "cx" %79, %78
      qc.gate "cx" %117, %116
      qc.gate "cx" %155, %154
      qc.gate "cx" %24, %23
      qc.gate "cx" %62, %61
      qc.gate "cx" %100, %99
      qc.gate "cx" %138, %137
      qc.gate "cx" %7, %6
      qc.gate "cx" %45, %44
      qc.gate "cx" %83, %82
      qc.gate "cx" %121, %120
      qc.gate "cx" %159, %158
      qc.gate "cx" %28, %27
      qc.gate "cx" %66, %65
      qc.gate "cx" %104, %103
      qc.gate "cx" %142, %141
      qc.gate "cx" %11, %10
      qc.gate "cx" %49, %48
      qc.gate "cx" %87, %86
      qc.gate "cx" %125, %124
      qc.gate "cx" %163, %162
      qc.gate "cx" %32, %31
      qc.gate "cx" %70, %69
      qc.gate "cx" %108, %107
      qc.gate "cx" %146, %145
      qc.gate "cx" %15, %14
      qc.gate "cx" %53, %52
      qc.gate "cx" %91, %90
      qc.gate "cx" %129, %128
      qc.gate "cx" %167, %166
      qc.gate "cx" %36, %35
      qc.gate "cx" %74, %73
      qc.gate "cx" %112, %111
      qc.gate "cx" %150, %149
      qc.gate "cx" %21, %39
      qc.gate "cx" %59, %77
      qc.gate "cx" %97, %115
      qc.gate "cx" %135, %153
      qc.gate "cx" %4, %22
      qc.gate "cx" %42, %60
      qc.gate "cx" %80, %98
      qc.gate "cx" %118, %136
      qc.gate "cx" %25, %43
      qc.gate "cx" %63, %81
      qc.gate "cx" %101, %119
      qc.gate "cx" %139, %157
      qc.gate "cx" %8, %26
      qc.gate "cx" %46, %64
      qc.gate "cx" %84, %102
      qc.gate "cx" %122, %140
      qc.gate "cx" %29, %47
      qc.gate "cx" %67, %85
      qc.gate "cx" %105, %123
      qc.gate "cx" %143, %161
      qc.gate "cx" %12, %30
      qc.gate "cx" %50, %68
      qc.gate "cx" %88, %106
      qc.gate "cx" %126, %144
      qc.gate "cx" %33, %51
      qc.gate "cx" %71, %89
      qc.gate "cx" %109, %127
      qc.gate "cx" %147, %165
      qc.gate "cx" %16, %34
      qc.gate "cx" %54, %72
      qc.gate "cx" %92, %110
      qc.gate "cx" %130, %148
      qc.gate "cx" %37, %55
      qc.gate "cx" %75, %93
      qc.gate "cx" %113, %131
      qc.gate "cx" %151, %169
      qc.gate "cx" %41, %23
      qc.gate "cx" %79, %61
      qc.gate "cx" %117, %99
      qc.gate "cx" %155, %137
      qc.gate "cx" %24, %6
      qc.gate "cx" %62, %44
      qc.gate "cx" %100, %82
      qc.gate "cx" %138, %120
      qc.gate "cx" %176, %158
      qc.gate "cx" %45, %27
      qc.gate "cx" %83, %65
      qc.gate "cx" %121, %103
      qc.gate "cx" %159, %141
      qc.gate "cx" %28, %10
      qc.gate "cx" %66, %48
      qc.gate "cx" %104, %86
      qc.gate "cx" %142, %124
      qc.gate "cx" %180, %162
      qc.gate "cx" %49, %31
      qc.gate "cx" %87, %69
      qc.gate "cx" %125, %107
      qc.gate "cx" %163, %145
      qc.gate "cx" %32, %14
      qc.gate "cx" %70, %52
      qc.gate "cx" %108, %90
      qc.gate "cx" %146, %128
      qc.gate "cx" %184, %166
      qc.gate "cx" %53, %35
      qc.gate "cx" %91, %73
      qc.gate "cx" %129, %111
      qc.gate "cx" %167, %149
      qc.gate "cx" %36, %18
      qc.gate "cx" %74, %56
      qc.gate "cx" %112, %94
      qc.gate "cx" %150, %132
      qc.gate "cx" %188, %170
      qc.gate "cx" %21, %22
      qc.gate "cx" %59, %60
      qc.gate "cx" %97, %98
      qc.gate "cx" %135, %136
      qc.gate "cx" %42, %43
      qc.gate "cx" %80, %81
      qc.gate "cx" %118, %119
      qc.gate "cx" %156, %157
      qc.gate "cx" %25, %26
      qc.gate "cx" %63, %64
      qc.gate "cx" %101, %102
      qc.gate "cx" %139, %140
      qc.gate "cx" %46, %47
      qc.gate "cx" %84, %85
      qc.gate "cx" %122, %123
      qc.gate "cx" %160, %161
      qc.gate "cx" %29, %30
      qc.gate "cx" %67, %68
      qc.gate "cx" %105, %106
      qc.gate "cx" %143, %144
      qc.gate "cx" %50, %51
      qc.gate "cx" %88, %89
      qc.gate "cx" %126, %127
      qc.gate "cx" %164, %165
      qc.gate "cx" %33, %34
      qc.gate "cx" %71, %72
      qc.gate "cx" %109, %110
      qc.gate "cx" %147, %148
      qc.gate "cx" %54, %55
      qc.gate "cx" %92, %93
      qc.gate "cx" %130, %131
      qc.gate "cx" %168, %169
      qc.gate "cx" %37, %38
      qc.gate "cx" %75, %76
      qc.gate "cx" %113, %114
      qc.gate "cx" %151, %152
      qc.gate "cx" %41, %21
      qc.gate "cx" %79, %59
      qc.gate "cx" %117, %97
      qc.gate "cx" %155, %135
      qc.gate "cx" %24, %4
      qc.gate "cx" %62, %42
      qc.gate "cx" %100, %80
      qc.gate "cx" %138, %118
      qc.gate "cx" %176, %156
      qc.gate "cx" %45, %25
      qc.gate "cx" %83, %63
      qc.gate "cx" %121, %101
      qc.gate "cx" %159, %139
      qc.gate "cx" %28, %8
      qc.gate "cx" %66, %46
      qc.gate "cx" %104, %84
      qc.gate "cx" %142, %122
      qc.gate "cx" %180, %160
      qc.gate "cx" %49, %29
      qc.gate "cx" %87, %67
      qc.gate "cx" %125, %105
      qc.gate "cx" %163, %143
      qc.gate "cx" %32, %12
      qc.gate "cx" %70, %50
      qc.gate "cx" %108, %88
      qc.gate "cx" %146, %126
      qc.gate "cx" %184, %164
      qc.gate "cx" %53, %33
      qc.gate "cx" %91, %71
      qc.gate "cx" %129, %109
      qc.gate "cx" %167, %147
      qc.gate "cx" %36, %16
      qc.gate "cx" %74, %54
      qc.gate "cx" %112, %92
      qc.gate "cx" %150, %130
      qc.gate "cx" %188, %168
      qc.gate "cx" %2, %22
      qc.gate "cx" %40, %60
      qc.gate "cx" %78, %98
      qc.gate "cx" %116, %136
      qc.gate "cx" %23, %43
      qc.gate "cx" %61, %81
      qc.gate "cx" %99, %119
      qc.gate "cx" %137, %157
      qc.gate "cx" %6, %26
      qc.gate "cx" %44, %64
      qc.gate "cx" %82, %102
      qc.gate "cx" %120, %140
      qc.gate "cx" %27, %47
      qc.gate "cx" %65, %85
      qc.gate "cx" %103, %123
      qc.gate "cx" %141, %161
      qc.gate "cx" %10, %30
      qc.gate "cx" %48, %68
      qc.gate "cx" %86, %106
      qc.gate "cx" %124, %144
      qc.gate "cx" %31, %51
      qc.gate "cx" %69, %89
      qc.gate "cx" %107, %127
      qc.gate "cx" %145, %165
      qc.gate "cx" %14, %34
      qc.gate "cx" %52, %72
      qc.gate "cx" %90, %110
      qc.gate "cx" %128, %148
      qc.gate "cx" %35, %55
      qc.gate "cx" %73, %93
      qc.gate "cx" %111, %131
      qc.gate "cx" %149, %169
      qc.gate "cx" %18, %38
      qc.gate "cx" %56, %76
      qc.gate "cx" %94, %114
      qc.gate "cx" %132, %152
      qc.gate "h" %3
      qc.gate "h" %7
      qc.gate "h" %11
      qc.gate "h" %15
      qc.gate "h" %24
      qc.gate "h" %28
      qc.gate "h" %32
      qc.gate "h" %36
      qc.gate "h" %41
      qc.gate "h" %45
      qc.gate "h" %49
      qc.gate "h" %53
      qc.gate "h" %62
      qc.gate "h" %66
      qc.gate "h" %70
      qc.gate "h" %74
      qc.gate "h" %79
      qc.gate "h" %83
      qc.gate "h" %87
      qc.gate "h" %91
      qc.gate "h" %100
      qc.gate "h" %104
      qc.gate "h" %108
      qc.gate "h" %112
      qc.gate "h" %117
      qc.gate "h" %121
      qc.gate "h" %125
      qc.gate "h" %129
      qc.gate "h" %138
      qc.gate "h" %142
      qc.gate "h" %146
      qc.gate "h" %150
      qc.gate "h" %155
      qc.gate "h" %159
      qc.gate "h" %163
      qc.gate "h" %167
      qc.gate "h" %176
      qc.gate "h" %180
      qc.gate "h" %184
      qc.gate "h" %188
      %433 = qc.measure %3
      qc.reset %3
      %434 = qc.measure %7
      qc.reset %7
      %435 = qc.measure %11
      qc.reset %11
      %436 = qc.measure %15
      qc.reset %15
      %437 = qc.measure %22
      qc.reset %22
      %438 = qc.measure %24
      qc.reset %24
      %439 = qc.measure %26
      qc.reset %26
      %440 = qc.measure %28
      qc.reset %28
      %441 = qc.measure %30
      qc.reset %30
      %442 = qc.measure %32
      qc.reset %32
      %443 = qc.measure %34
      qc.reset %34
      %444 = qc.measure %36
      qc.reset %36
      %445 = qc.measure %38
      qc.reset %38
      %446 = qc.measure %39
      qc.reset %39
      %447 = qc.measure %41
      qc.reset %41
      %448 = qc.measure %43
      qc.reset %43
      %449 = qc.measure %45
      qc.reset %45
      %450 = qc.measure %47
      qc.reset %47
      %451 = qc.measure %49
      qc.reset %49
      %452 = qc.measure %51
      qc.reset %51
      %453 = qc.measure %53
      qc.reset %53
      %454 = qc.measure %55
      qc.reset %55
      %455 = qc.measure %60
      qc.reset %60
      %456 = qc.measure %62
      qc.reset %62
      %457 = qc.measure %64
      qc.reset %64
      %458 = qc.measure %66
      qc.reset %66
      %459 = qc.measure %68
      qc.reset %68
      %460 = qc.measure %70
      qc.reset %70
      %461 = qc.measure %72
      qc.reset %72
      %462 = qc.measure %74
      qc.reset %74
      %463 = qc.measure %76
      qc.reset %76
      %464 = qc.measure %77
      qc.reset %77
      %465 = qc.measure %79
      qc.reset %79
      %466 = qc.measure %81
      qc.reset %81
      %467 = qc.measure %83
      qc.reset %83
      %468 = qc.measure %85
      qc.reset %85
      %469 = qc.measure %87
      qc.reset %87
      %470 = qc.measure %89
      qc.reset %89
      %471 = qc.measure %91
      qc.reset %91
      %472 = qc.measure %93
      qc.reset %93
      %473 = qc.measure %98
      qc.reset %98
      %474 = qc.measure %100
      qc.reset %100
      %475 = qc.measure %102
      qc.reset %102
      %476 = qc.measure %104
      qc.reset %104
      %477 = qc.measure %106
      qc.reset %106
      %478 = qc.measure %108
      qc.reset %108
      %479 = qc.measure %110
      qc.reset %110
      %480 = qc.measure %112
      qc.reset %112
      %481 = qc.measure %114
      qc.reset %114
      %482 = qc.measure %115
      qc.reset %115
      %483 = qc.measure %117
      qc.reset %117
      %484 = qc.measure %119
      qc.reset %119
      %485 = qc.measure %121
      qc.reset %121
      %486 = qc.measure %123
      qc.reset %123
      %487 = qc.measure %125
      qc.reset %125
      %488 = qc.measure %127
      qc.reset %127
      %489 = qc.measure %129
      qc.reset %129
      %490 = qc.measure %131
      qc.reset %131
      %491 = qc.measure %136
      qc.reset %136
      %492 = qc.measure %138
      qc.reset %138
      %493 = qc.measure %140
      qc.reset %140
      %494 = qc.measure %142
      qc.reset %142
      %495 = qc.measure %144
      qc.reset %144
      %496 = qc.measure %146
      qc.reset %146
      %497 = qc.measure %148
      qc.reset %148
      %498 = qc.measure %150
      qc.reset %150
      %499 = qc.measure %152
      qc.reset %152
      %500 = qc.measure %153
      qc.reset %153
      %501 = qc.measure %155
      qc.reset %155
      %502 = qc.measure %157
      qc.reset %157
      %503 = qc.measure %159
      qc.reset %159
      %504 = qc.measure %161
      qc.reset %161
      %505 = qc.measure %163
      qc.reset %163
      %506 = qc.measure %165
      qc.reset %165
      %507 = qc.measure %167
      qc.reset %167
      %508 = qc.measure %169
      qc.reset %169
      %509 = qc.measure %176
      qc.reset %176
      %510 = qc.measure %180
      qc.reset %180
      %511 = qc.measure %184
      qc.reset %184
      %512 = qc.measure %188
      qc.reset %188
      ckpt.detector [%433, %353] coords [2.0, 0.0, 0.0]
      ckpt.detector [%434, %354] coords [6.0, 0.0, 0.0]
      ckpt.detector [%435, %355] coords [10.0, 0.0, 0.0]
      ckpt.detector [%436, %356] coords [14.0, 0.0, 0.0]
      ckpt.detector [%437, %357] coords [2.0, 2.0, 0.0]
      ckpt.detector [%438, %358] coords [4.0, 2.0, 0.0]
      ckpt.detector [%439, %359] coords [6.0, 2.0, 0.0]
      ckpt.detector [%440, %360] coords [8.0, 2.0, 0.0]
      ckpt.detector [%441, %361] coords [10.0, 2.0, 0.0]
      ckpt.detector [%442, %362] coords [12.0, 2.0, 0.0]
      ckpt.detector [%443, %363] coords [14.0, 2.0, 0.0]
      ckpt.detector [%444, %364] coords [16.0, 2.0, 0.0]
      ckpt.detector [%445, %365] coords [18.0, 2.0, 0.0]
      ckpt.detector [%446, %366] coords [0.0, 4.0, 0.0]
      ckpt.detector [%447, %367] coords [2.0, 4.0, 0.0]
      ckpt.detector [%448, %368] coords [4.0, 4.0, 0.0]
      ckpt.detector [%449, %369] coords [6.0, 4.0, 0.0]
      ckpt.detector [%450, %370] coords [8.0, 4.0, 0.0]
      ckpt.detector [%451, %371] coords [10.0, 4.0, 0.0]
      ckpt.detector [%452, %372] coords [12.0, 4.0, 0.0]
      ckpt.detector [%453, %373] coords [14.0, 4.0, 0.0]
      ckpt.detector [%454, %374] coords [16.0, 4.0, 0.0]
      ckpt.detector [%455, %375] coords [2.0, 6.0, 0.0]
      ckpt.detector [%456, %376] coords [4.0, 6.0, 0.0]
      ckpt.detector [%457, %377] coords [6.0, 6.0, 0.0]
      ckpt.detector [%458, %378] coords [8.0, 6.0, 0.0]
      ckpt.detector [%459, %379] coords [10.0, 6.0, 0.0]
      ckpt.detector [%460, %380] coords [12.0, 6.0, 0.0]
      ckpt.detector [%461, %381] coords [14.0, 6.0, 0.0]
      ckpt.detector [%462, %382] coords [16.0, 6.0, 0.0]
      ckpt.detector [%463, %383] coords [18.0, 6.0, 0.0]
      ckpt.detector [%464, %384] coords [0.0, 8.0, 0.0]
      ckpt.detector [%465, %385] coords [2.0, 8.0, 0.0]
      ckpt.detector [%466, %386] coords [4.0, 8.0, 0.0]
      ckpt.detector [%467, %387] coords [6.0, 8.0, 0.0]
      ckpt.detector [%468, %388] coords [8.0, 8.0, 0.0]
      ckpt.detector [%469, %389] coords [10.0, 8.0, 0.0]
      ckpt.detector [%470, %390] coords [12.0, 8.0, 0.0]
      ckpt.detector [%471, %391] coords [14.0, 8.0, 0.0]
      ckpt.detector [%472, %392] coords [16.0, 8.0, 0.0]
      ckpt.detector [%473, %393] coords [2.0, 10.0, 0.0]
      ckpt.detector [%474, %394] coords [4.0, 10.0, 0.0]
      ckpt.detector [%475, %395] coords [6.0, 10.0, 0.0]
      ckpt.detector [%476, %396] coords [8.0, 10.0, 0.0]
      ckpt.detector [%477, %397] coords [10.0, 10.0, 0.0]
      ckpt.detector [%478, %398] coords [12.0, 10.0, 0.0]
      ckpt.detector [%479, %399] coords [14.0, 10.0, 0.0]
      ckpt.detector [%480, %400] coords [16.0, 10.0, 0.0]
      ckpt.detector [%481, %401] coords [18.0, 10.0, 0.0]
      ckpt.detector [%482, %402] coords [0.0, 12.0, 0.0]
      ckpt.detector [%483, %403] coords [2.0, 12.0, 0.0]
      ckpt.detector [%484, %404] coords [4.0, 12.0, 0.0]
      ckpt.detector [%485, %405] coords [6.0, 12.0, 0.0]
      ckpt.detector [%486, %406] coords [8.0, 12.0, 0.0]
      ckpt.detector [%487, %407] coords [10.0, 12.0, 0.0]
      ckpt.detector [%488, %408] coords [12.0, 12.0, 0.0]
      ckpt.detector [%489, %409] coords [14.0, 12.0, 0.0]
      ckpt.detector [%490, %410] coords [16.0, 12.0, 0.0]
      ckpt.detector [%491, %411] coords [2.0, 14.0, 0.0]
      ckpt.detector [%492, %412] coords [4.0, 14.0, 0.0]
      ckpt.detector [%493, %413] coords [6.0, 14.0, 0.0]
      ckpt.detector [%494, %414] coords [8.0, 14.0, 0.0]
      ckpt.detector [%495, %415] coords [10.0, 14.0, 0.0]
      ckpt.detector [%496, %416] coords [12.0, 14.0, 0.0]
      ckpt.detector [%497, %417] coords [14.0, 14.0, 0.0]
      ckpt.detector [%498, %418] coords [16.0, 14.0, 0.0]
      ckpt.detector [%499, %419] coords [18.0, 14.0, 0.0]
      ckpt.detector [%500, %420] coords [0.0, 16.0, 0.0]
      ckpt.detector [%501, %421] coords [2.0, 16.0, 0.0]
      ckpt.detector [%502, %422] coords [4.0, 16.0, 0.0]
      ckpt.detector [%503, %423] coords [6.0, 16.0, 0.0]
      ckpt.detector [%504, %424] coords [8.0, 16.0, 0.0]
      ckpt.detector [%505, %425] coords [10.0, 16.0, 0.0]
      ckpt.detector [%506, %426] coords [12.0, 16.0, 0.0]
      ckpt.detector [%507, %427] coords [14.0, 16.0, 0.0]
      ckpt.detector [%508, %428] coords [16.0, 16.0, 0.0]
      ckpt.detector [%509, %429] coords [4.0, 18.0, 0.0]
      ckpt.detector [%510, %430] coords [8.0, 18.0, 0.0]
      ckpt.detector [%511, %431] coords [12.0, 18.0, 0.0]
      ckpt.detector [%512, %432] coords [16.0, 18.0, 0.0]
      scf.yield %433, %434, %435, %436, %437, %438, %439, %440, %441, %442, %443, %444, %445, %446, %447, %448, %449, %450, %451, %452, %453, %454, %455, %456, %457, %458, %459, %460, %461, %462, %463, %464, %465, %466, %467, %468, %469, %470, %471, %472, %473, %474, %475, %476, %477, %478, %479, %480, %481, %482, %483, %484, %485, %486, %487, %488, %489, %490, %491, %492, %493, %494, %495, %496, %497, %498, %499, %500, %501, %502, %503, %504, %505, %506, %507, %508, %509, %510, %511, %512 : i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1
    }
    %513 = qc.measure %2
    %514 = qc.measure %4
    %515 = qc.measure %6
    %516 = qc.measure %8
    %517 = qc.measure %10
    %518 = qc.measure %12
    %519 = qc.measure %14
    %520 = qc.measure %16
    %521 = qc.measure %18
    %522 = qc.measure %21
    %523 = qc.measure %23
    %524 = qc.measure %25
    %525 = qc.measure %27
    %526 = qc.measure %29
    %527 = qc.measure %31
    %528 = qc.measure %33
    %529 = qc.measure %35
    %530 = qc.measure %37
    %531 = qc.measure %40
    %532 = qc.measure %42
    %533 = qc.measure %44
    %534 = qc.measure %46
    %535 = qc.measure %48
    %536 = qc.measure %50
    %537 = qc.measure %52
    %538 = qc.measure %54
    %539 = qc.measure %56
    %540 = qc.measure %59
    %541 = qc.measure %61
    %542 = qc.measure %63
    %543 = qc.measure %65
    %544 = qc.measure %67
    %545 = qc.measure %69
    %546 = qc.measure %71
    %547 = qc.measure %73
    %548 = qc.measure %75
    %549 = qc.measure %78
    %550 = qc.measure %80
    %551 = qc.measure %82
    %552 = qc.measure %84
    %553 = qc.measure %86
    %554 = qc.measure %88
    %555 = qc.measure %90
    %556 = qc.measure %92
    %557 = qc.measure %94
    %558 = qc.measure %97
    %559 = qc.measure %99
    %560 = qc.measure %101
    %561 = qc.measure %103
    %562 = qc.measure %105
    %563 = qc.measure %107
    %564 = qc.measure %109
    %565 = qc.measure %111
    %566 = qc.measure %113
    %567 = qc.measure %116
    %568 = qc.measure %118
    %569 = qc.measure %120
    %570 = qc.measure %122
    %571 = qc.measure %124
    %572 = qc.measure %126
    %573 = qc.measure %128
    %574 = qc.measure %130
    %575 = qc.measure %132
    %576 = qc.measure %135
    %577 = qc.measure %137
    %578 = qc.measure %139
    %579 = qc.measure %141
    %580 = qc.measure %143
    %581 = qc.measure %145
    %582 = qc.measure %147
    %583 = qc.measure %149
    %584 = qc.measure %151
    %585 = qc.measure %154
    %586 = qc.measure %156
    %587 = qc.measure %158
    %588 = qc.measure %160
    %589 = qc.measure %162
    %590 = qc.measure %164
    %591 = qc.measure %166
    %592 = qc.measure %168
    %593 = qc.measure %170
    ckpt.detector [%531, %522, %285] coords [0.0, 4.0, 1.0]
    ckpt.detector [%549, %540, %303] coords [0.0, 8.0, 1.0]
    ckpt.detector [%567, %558, %321] coords [0.0, 12.0, 1.0]
    ckpt.detector [%585, %576, %339] coords [0.0, 16.0, 1.0]
    ckpt.detector [%523, %522, %514, %513, %276] coords [2.0, 2.0, 1.0]
    ckpt.detector [%541, %540, %532, %531, %294] coords [2.0, 6.0, 1.0]
    ckpt.detector [%559, %558, %550, %549, %312] coords [2.0, 10.0, 1.0]
    ckpt.detector [%577, %576, %568, %567, %330] coords [2.0, 14.0, 1.0]
    ckpt.detector [%533, %532, %524, %523, %287] coords [4.0, 4.0, 1.0]
    ckpt.detector [%551, %550, %542, %541, %305] coords [4.0, 8.0, 1.0]
    ckpt.detector [%569, %568, %560, %559, %323] coords [4.0, 12.0, 1.0]
    ckpt.detector [%587, %586, %578, %577, %341] coords [4.0, 16.0, 1.0]
    ckpt.detector [%525, %524, %516, %515, %278] coords [6.0, 2.0, 1.0]
    ckpt.detector [%543, %542, %534, %533, %296] coords [6.0, 6.0, 1.0]
    ckpt.detector [%561, %560, %552, %551, %314] coords [6.0, 10.0, 1.0]
    ckpt.detector [%579, %578, %570, %569, %332] coords [6.0, 14.0, 1.0]
    ckpt.detector [%535, %534, %526, %525, %289] coords [8.0, 4.0, 1.0]
    ckpt.detector [%553, %552, %544, %543, %307] coords [8.0, 8.0, 1.0]
    ckpt.detector [%571, %570, %562, %561, %325] coords [8.0, 12.0, 1.0]
    ckpt.detector [%589, %588, %580, %579, %343] coords [8.0, 16.0, 1.0]
    ckpt.detector [%527, %526, %518, %517, %280] coords [10.0, 2.0, 1.0]
    ckpt.detector [%545, %544, %536, %535, %298] coords [10.0, 6.0, 1.0]
    ckpt.detector [%563, %562, %554, %553, %316] coords [10.0, 10.0, 1.0]
    ckpt.detector [%581, %580, %572, %571, %334] coords [10.0, 14.0, 1.0]
    ckpt.detector [%537, %536, %528, %527, %291] coords [12.0, 4.0, 1.0]
    ckpt.detector [%555, %554, %546, %545, %309] coords [12.0, 8.0, 1.0]
    ckpt.detector [%573, %572, %564, %563, %327] coords [12.0, 12.0, 1.0]
    ckpt.detector [%591, %590, %582, %581, %345] coords [12.0, 16.0, 1.0]
    ckpt.detector [%529, %528, %520, %519, %282] coords [14.0, 2.0, 1.0]
    ckpt.detector [%547, %546, %538, %537, %300] coords [14.0, 6.0, 1.0]
    ckpt.detector [%565, %564, %556, %555, %318] coords [14.0, 10.0, 1.0]
    ckpt.detector [%583, %582, %574, %573, %336] coords [14.0, 14.0, 1.0]
    ckpt.detector [%539, %538, %530, %529, %293] coords [16.0, 4.0, 1.0]
    ckpt.detector [%557, %556, %548, %547, %311] coords [16.0, 8.0, 1.0]
    ckpt.detector [%575, %574, %566, %565, %329] coords [16.0, 12.0, 1.0]
    ckpt.detector [%593, %592, %584, %583, %347] coords [16.0, 16.0, 1.0]
    ckpt.detector [%530, %521, %284] coords [18.0, 2.0, 1.0]
    ckpt.detector [%548, %539, %302] coords [18.0, 6.0, 1.0]
    ckpt.detector [%566, %557, %320] coords [18.0, 10.0, 1.0]
    ckpt.detector [%584, %575, %338] coords [18.0, 14.0, 1.0]
    ckpt.observable 0 [%521, %520, %519, %518, %517, %516, %515, %514, %513]
    %594 = arith.xori %521, %520 : i1
    %595 = arith.xori %594, %519 : i1
    %596 = arith.xori %595, %518 : i1
    %597 = arith.xori %596, %517 : i1
    %598 = arith.xori %597, %516 : i1
    %599 = arith.xori %598, %515 : i1
    %600 = arith.xori %599, %514 : i1
    %601 = arith.xori %600, %513 : i1
    qc.output "logical" %601 : i1
    func.return
  }
}
