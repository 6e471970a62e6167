// surface_code:rotated_memory_z, distance 11, 33 rounds: stim.Circuit.generated, imported by examples/qec/generate.py
builtin.module {
  func.func @main() {
    %0 = qc.alloc "q" : !qc.reg<274>
    %1 = qc.qubit %0[0 : i64] : !qc.reg<274>
    %2 = qc.qubit %0[1 : i64] : !qc.reg<274>
    %3 = qc.qubit %0[2 : i64] : !qc.reg<274>
    %4 = qc.qubit %0[3 : i64] : !qc.reg<274>
    %5 = qc.qubit %0[4 : i64] : !qc.reg<274>
    %6 = qc.qubit %0[5 : i64] : !qc.reg<274>
    %7 = qc.qubit %0[6 : i64] : !qc.reg<274>
    %8 = qc.qubit %0[7 : i64] : !qc.reg<274>
    %9 = qc.qubit %0[8 : i64] : !qc.reg<274>
    %10 = qc.qubit %0[9 : i64] : !qc.reg<274>
    %11 = qc.qubit %0[10 : i64] : !qc.reg<274>
    %12 = qc.qubit %0[11 : i64] : !qc.reg<274>
    %13 = qc.qubit %0[12 : i64] : !qc.reg<274>
    %14 = qc.qubit %0[13 : i64] : !qc.reg<274>
    %15 = qc.qubit %0[14 : i64] : !qc.reg<274>
    %16 = qc.qubit %0[15 : i64] : !qc.reg<274>
    %17 = qc.qubit %0[16 : i64] : !qc.reg<274>
    %18 = qc.qubit %0[17 : i64] : !qc.reg<274>
    %19 = qc.qubit %0[18 : i64] : !qc.reg<274>
    %20 = qc.qubit %0[19 : i64] : !qc.reg<274>
    %21 = qc.qubit %0[20 : i64] : !qc.reg<274>
    %22 = qc.qubit %0[21 : i64] : !qc.reg<274>
    %23 = qc.qubit %0[22 : i64] : !qc.reg<274>
    %24 = qc.qubit %0[23 : i64] : !qc.reg<274>
    %25 = qc.qubit %0[24 : i64] : !qc.reg<274>
    %26 = qc.qubit %0[25 : i64] : !qc.reg<274>
    %27 = qc.qubit %0[26 : i64] : !qc.reg<274>
    %28 = qc.qubit %0[27 : i64] : !qc.reg<274>
    %29 = qc.qubit %0[28 : i64] : !qc.reg<274>
    %30 = qc.qubit %0[29 : i64] : !qc.reg<274>
    %31 = qc.qubit %0[30 : i64] : !qc.reg<274>
    %32 = qc.qubit %0[31 : i64] : !qc.reg<274>
    %33 = qc.qubit %0[32 : i64] : !qc.reg<274>
    %34 = qc.qubit %0[33 : i64] : !qc.reg<274>
    %35 = qc.qubit %0[34 : i64] : !qc.reg<274>
    %36 = qc.qubit %0[35 : i64] : !qc.reg<274>
    %37 = qc.qubit %0[36 : i64] : !qc.reg<274>
    %38 = qc.qubit %0[37 : i64] : !qc.reg<274>
    %39 = qc.qubit %0[38 : i64] : !qc.reg<274>
    %40 = qc.qubit %0[39 : i64] : !qc.reg<274>
    %41 = qc.qubit %0[40 : i64] : !qc.reg<274>
    %42 = qc.qubit %0[41 : i64] : !qc.reg<274>
    %43 = qc.qubit %0[42 : i64] : !qc.reg<274>
    %44 = qc.qubit %0[43 : i64] : !qc.reg<274>
    %45 = qc.qubit %0[44 : i64] : !qc.reg<274>
    %46 = qc.qubit %0[45 : i64] : !qc.reg<274>
    %47 = qc.qubit %0[46 : i64] : !qc.reg<274>
    %48 = qc.qubit %0[47 : i64] : !qc.reg<274>
    %49 = qc.qubit %0[48 : i64] : !qc.reg<274>
    %50 = qc.qubit %0[49 : i64] : !qc.reg<274>
    %51 = qc.qubit %0[50 : i64] : !qc.reg<274>
    %52 = qc.qubit %0[51 : i64] : !qc.reg<274>
    %53 = qc.qubit %0[52 : i64] : !qc.reg<274>
    %54 = qc.qubit %0[53 : i64] : !qc.reg<274>
    %55 = qc.qubit %0[54 : i64] : !qc.reg<274>
    %56 = qc.qubit %0[55 : i64] : !qc.reg<274>
    %57 = qc.qubit %0[56 : i64] : !qc.reg<274>
    %58 = qc.qubit %0[57 : i64] : !qc.reg<274>
    %59 = qc.qubit %0[58 : i64] : !qc.reg<274>
    %60 = qc.qubit %0[59 : i64] : !qc.reg<274>
    %61 = qc.qubit %0[60 : i64] : !qc.reg<274>
    %62 = qc.qubit %0[61 : i64] : !qc.reg<274>
    %63 = qc.qubit %0[62 : i64] : !qc.reg<274>
    %64 = qc.qubit %0[63 : i64] : !qc.reg<274>
    %65 = qc.qubit %0[64 : i64] : !qc.reg<274>
    %66 = qc.qubit %0[65 : i64] : !qc.reg<274>
    %67 = qc.qubit %0[66 : i64] : !qc.reg<274>
    %68 = qc.qubit %0[67 : i64] : !qc.reg<274>
    %69 = qc.qubit %0[68 : i64] : !qc.reg<274>
    %70 = qc.qubit %0[69 : i64] : !qc.reg<274>
    %71 = qc.qubit %0[70 : i64] : !qc.reg<274>
    %72 = qc.qubit %0[71 : i64] : !qc.reg<274>
    %73 = qc.qubit %0[72 : i64] : !qc.reg<274>
    %74 = qc.qubit %0[73 : i64] : !qc.reg<274>
    %75 = qc.qubit %0[74 : i64] : !qc.reg<274>
    %76 = qc.qubit %0[75 : i64] : !qc.reg<274>
    %77 = qc.qubit %0[76 : i64] : !qc.reg<274>
    %78 = qc.qubit %0[77 : i64] : !qc.reg<274>
    %79 = qc.qubit %0[78 : i64] : !qc.reg<274>
    %80 = qc.qubit %0[79 : i64] : !qc.reg<274>
    %81 = qc.qubit %0[80 : i64] : !qc.reg<274>
    %82 = qc.qubit %0[81 : i64] : !qc.reg<274>
    %83 = qc.qubit %0[82 : i64] : !qc.reg<274>
    %84 = qc.qubit %0[83 : i64] : !qc.reg<274>
    %85 = qc.qubit %0[84 : i64] : !qc.reg<274>
    %86 = qc.qubit %0[85 : i64] : !qc.reg<274>
    %87 = qc.qubit %0[86 : i64] : !qc.reg<274>
    %88 = qc.qubit %0[87 : i64] : !qc.reg<274>
    %89 = qc.qubit %0[88 : i64] : !qc.reg<274>
    %90 = qc.qubit %0[89 : i64] : !qc.reg<274>
    %91 = qc.qubit %0[90 : i64] : !qc.reg<274>
    %92 = qc.qubit %0[91 : i64] : !qc.reg<274>
    %93 = qc.qubit %0[92 : i64] : !qc.reg<274>
    %94 = qc.qubit %0[93 : i64] : !qc.reg<274>
    %95 = qc.qubit %0[94 : i64] : !qc.reg<274>
    %96 = qc.qubit %0[95 : i64] : !qc.reg<274>
    %97 = qc.qubit %0[96 : i64] : !qc.reg<274>
    %98 = qc.qubit %0[97 : i64] : !qc.reg<274>
    %99 = qc.qubit %0[98 : i64] : !qc.reg<274>
    %100 = qc.qubit %0[99 : i64] : !qc.reg<274>
    %101 = qc.qubit %0[100 : i64] : !qc.reg<274>
    %102 = qc.qubit %0[101 : i64] : !qc.reg<274>
    %103 = qc.qubit %0[102 : i64] : !qc.reg<274>
    %104 = qc.qubit %0[103 : i64] : !qc.reg<274>
    %105 = qc.qubit %0[104 : i64] : !qc.reg<274>
    %106 = qc.qubit %0[105 : i64] : !qc.reg<274>
    %107 = qc.qubit %0[106 : i64] : !qc.reg<274>
    %108 = qc.qubit %0[107 : i64] : !qc.reg<274>
    %109 = qc.qubit %0[108 : i64] : !qc.reg<274>
    %110 = qc.qubit %0[109 : i64] : !qc.reg<274>
    %111 = qc.qubit %0[110 : i64] : !qc.reg<274>
    %112 = qc.qubit %0[111 : i64] : !qc.reg<274>
    %113 = qc.qubit %0[112 : i64] : !qc.reg<274>
    %114 = qc.qubit %0[113 : i64] : !qc.reg<274>
    %115 = qc.qubit %0[114 : i64] : !qc.reg<274>
    %116 = qc.qubit %0[115 : i64] : !qc.reg<274>
    %117 = qc.qubit %0[116 : i64] : !qc.reg<274>
    %118 = qc.qubit %0[117 : i64] : !qc.reg<274>
    %119 = qc.qubit %0[118 : i64] : !qc.reg<274>
    %120 = qc.qubit %0[119 : i64] : !qc.reg<274>
    %121 = qc.qubit %0[120 : i64] : !qc.reg<274>
    %122 = qc.qubit %0[121 : i64] : !qc.reg<274>
    %123 = qc.qubit %0[122 : i64] : !qc.reg<274>
    %124 = qc.qubit %0[123 : i64] : !qc.reg<274>
    %125 = qc.qubit %0[124 : i64] : !qc.reg<274>
    %126 = qc.qubit %0[125 : i64] : !qc.reg<274>
    %127 = qc.qubit %0[126 : i64] : !qc.reg<274>
    %128 = qc.qubit %0[127 : i64] : !qc.reg<274>
    %129 = qc.qubit %0[128 : i64] : !qc.reg<274>
    %130 = qc.qubit %0[129 : i64] : !qc.reg<274>
    %131 = qc.qubit %0[130 : i64] : !qc.reg<274>
    %132 = qc.qubit %0[131 : i64] : !qc.reg<274>
    %133 = qc.qubit %0[132 : i64] : !qc.reg<274>
    %134 = qc.qubit %0[133 : i64] : !qc.reg<274>
    %135 = qc.qubit %0[134 : i64] : !qc.reg<274>
    %136 = qc.qubit %0[135 : i64] : !qc.reg<274>
    %137 = qc.qubit %0[136 : i64] : !qc.reg<274>
    %138 = qc.qubit %0[137 : i64] : !qc.reg<274>
    %139 = qc.qubit %0[138 : i64] : !qc.reg<274>
    %140 = qc.qubit %0[139 : i64] : !qc.reg<274>
    %141 = qc.qubit %0[140 : i64] : !qc.reg<274>
    %142 = qc.qubit %0[141 : i64] : !qc.reg<274>
    %143 = qc.qubit %0[142 : i64] : !qc.reg<274>
    %144 = qc.qubit %0[143 : i64] : !qc.reg<274>
    %145 = qc.qubit %0[144 : i64] : !qc.reg<274>
    %146 = qc.qubit %0[145 : i64] : !qc.reg<274>
    %147 = qc.qubit %0[146 : i64] : !qc.reg<274>
    %148 = qc.qubit %0[147 : i64] : !qc.reg<274>
    %149 = qc.qubit %0[148 : i64] : !qc.reg<274>
    %150 = qc.qubit %0[149 : i64] : !qc.reg<274>
    %151 = qc.qubit %0[150 : i64] : !qc.reg<274>
    %152 = qc.qubit %0[151 : i64] : !qc.reg<274>
    %153 = qc.qubit %0[152 : i64] : !qc.reg<274>
    %154 = qc.qubit %0[153 : i64] : !qc.reg<274>
    %155 = qc.qubit %0[154 : i64] : !qc.reg<274>
    %156 = qc.qubit %0[155 : i64] : !qc.reg<274>
    %157 = qc.qubit %0[156 : i64] : !qc.reg<274>
    %158 = qc.qubit %0[157 : i64] : !qc.reg<274>
    %159 = qc.qubit %0[158 : i64] : !qc.reg<274>
    %160 = qc.qubit %0[159 : i64] : !qc.reg<274>
    %161 = qc.qubit %0[160 : i64] : !qc.reg<274>
    %162 = qc.qubit %0[161 : i64] : !qc.reg<274>
    %163 = qc.qubit %0[162 : i64] : !qc.reg<274>
    %164 = qc.qubit %0[163 : i64] : !qc.reg<274>
    %165 = qc.qubit %0[164 : i64] : !qc.reg<274>
    %166 = qc.qubit %0[165 : i64] : !qc.reg<274>
    %167 = qc.qubit %0[166 : i64] : !qc.reg<274>
    %168 = qc.qubit %0[167 : i64] : !qc.reg<274>
    %169 = qc.qubit %0[168 : i64] : !qc.reg<274>
    %170 = qc.qubit %0[169 : i64] : !qc.reg<274>
    %171 = qc.qubit %0[170 : i64] : !qc.reg<274>
    %172 = qc.qubit %0[171 : i64] : !qc.reg<274>
    %173 = qc.qubit %0[172 : i64] : !qc.reg<274>
    %174 = qc.qubit %0[173 : i64] : !qc.reg<274>
    %175 = qc.qubit %0[174 : i64] : !qc.reg<274>
    %176 = qc.qubit %0[175 : i64] : !qc.reg<274>
    %177 = qc.qubit %0[176 : i64] : !qc.reg<274>
    %178 = qc.qubit %0[177 : i64] : !qc.reg<274>
    %179 = qc.qubit %0[178 : i64] : !qc.reg<274>
    %180 = qc.qubit %0[179 : i64] : !qc.reg<274>
    %181 = qc.qubit %0[180 : i64] : !qc.reg<274>
    %182 = qc.qubit %0[181 : i64] : !qc.reg<274>
    %183 = qc.qubit %0[182 : i64] : !qc.reg<274>
    %184 = qc.qubit %0[183 : i64] : !qc.reg<274>
    %185 = qc.qubit %0[184 : i64] : !qc.reg<274>
    %186 = qc.qubit %0[185 : i64] : !qc.reg<274>
    %187 = qc.qubit %0[186 : i64] : !qc.reg<274>
    %188 = qc.qubit %0[187 : i64] : !qc.reg<274>
    %189 = qc.qubit %0[188 : i64] : !qc.reg<274>
    %190 = qc.qubit %0[189 : i64] : !qc.reg<274>
    %191 = qc.qubit %0[190 : i64] : !qc.reg<274>
    %192 = qc.qubit %0[191 : i64] : !qc.reg<274>
    %193 = qc.qubit %0[192 : i64] : !qc.reg<274>
    %194 = qc.qubit %0[193 : i64] : !qc.reg<274>
    %195 = qc.qubit %0[194 : i64] : !qc.reg<274>
    %196 = qc.qubit %0[195 : i64] : !qc.reg<274>
    %197 = qc.qubit %0[196 : i64] : !qc.reg<274>
    %198 = qc.qubit %0[197 : i64] : !qc.reg<274>
    %199 = qc.qubit %0[198 : i64] : !qc.reg<274>
    %200 = qc.qubit %0[199 : i64] : !qc.reg<274>
    %201 = qc.qubit %0[200 : i64] : !qc.reg<274>
    %202 = qc.qubit %0[201 : i64] : !qc.reg<274>
    %203 = qc.qubit %0[202 : i64] : !qc.reg<274>
    %204 = qc.qubit %0[203 : i64] : !qc.reg<274>
    %205 = qc.qubit %0[204 : i64] : !qc.reg<274>
    %206 = qc.qubit %0[205 : i64] : !qc.reg<274>
    %207 = qc.qubit %0[206 : i64] : !qc.reg<274>
    %208 = qc.qubit %0[207 : i64] : !qc.reg<274>
    %209 = qc.qubit %0[208 : i64] : !qc.reg<274>
    %210 = qc.qubit %0[209 : i64] : !qc.reg<274>
    %211 = qc.qubit %0[210 : i64] : !qc.reg<274>
    %212 = qc.qubit %0[211 : i64] : !qc.reg<274>
    %213 = qc.qubit %0[212 : i64] : !qc.reg<274>
    %214 = qc.qubit %0[213 : i64] : !qc.reg<274>
    %215 = qc.qubit %0[214 : i64] : !qc.reg<274>
    %216 = qc.qubit %0[215 : i64] : !qc.reg<274>
    %217 = qc.qubit %0[216 : i64] : !qc.reg<274>
    %218 = qc.qubit %0[217 : i64] : !qc.reg<274>
    %219 = qc.qubit %0[218 : i64] : !qc.reg<274>
    %220 = qc.qubit %0[219 : i64] : !qc.reg<274>
    %221 = qc.qubit %0[220 : i64] : !qc.reg<274>
    %222 = qc.qubit %0[221 : i64] : !qc.reg<274>
    %223 = qc.qubit %0[222 : i64] : !qc.reg<274>
    %224 = qc.qubit %0[223 : i64] : !qc.reg<274>
    %225 = qc.qubit %0[224 : i64] : !qc.reg<274>
    %226 = qc.qubit %0[225 : i64] : !qc.reg<274>
    %227 = qc.qubit %0[226 : i64] : !qc.reg<274>
    %228 = qc.qubit %0[227 : i64] : !qc.reg<274>
    %229 = qc.qubit %0[228 : i64] : !qc.reg<274>
    %230 = qc.qubit %0[229 : i64] : !qc.reg<274>
    %231 = qc.qubit %0[230 : i64] : !qc.reg<274>
    %232 = qc.qubit %0[231 : i64] : !qc.reg<274>
    %233 = qc.qubit %0[232 : i64] : !qc.reg<274>
    %234 = qc.qubit %0[233 : i64] : !qc.reg<274>
    %235 = qc.qubit %0[234 : i64] : !qc.reg<274>
    %236 = qc.qubit %0[235 : i64] : !qc.reg<274>
    %237 = qc.qubit %0[236 : i64] : !qc.reg<274>
    %238 = qc.qubit %0[237 : i64] : !qc.reg<274>
    %239 = qc.qubit %0[238 : i64] : !qc.reg<274>
    %240 = qc.qubit %0[239 : i64] : !qc.reg<274>
    %241 = qc.qubit %0[240 : i64] : !qc.reg<274>
    %242 = qc.qubit %0[241 : i64] : !qc.reg<274>
    %243 = qc.qubit %0[242 : i64] : !qc.reg<274>
    %244 = qc.qubit %0[243 : i64] : !qc.reg<274>
    %245 = qc.qubit %0[244 : i64] : !qc.reg<274>
    %246 = qc.qubit %0[245 : i64] : !qc.reg<274>
    %247 = qc.qubit %0[246 : i64] : !qc.reg<274>
    %248 = qc.qubit %0[247 : i64] : !qc.reg<274>
    %249 = qc.qubit %0[248 : i64] : !qc.reg<274>
    %250 = qc.qubit %0[249 : i64] : !qc.reg<274>
    %251 = qc.qubit %0[250 : i64] : !qc.reg<274>
    %252 = qc.qubit %0[251 : i64] : !qc.reg<274>
    %253 = qc.qubit %0[252 : i64] : !qc.reg<274>
    %254 = qc.qubit %0[253 : i64] : !qc.reg<274>
    %255 = qc.qubit %0[254 : i64] : !qc.reg<274>
    %256 = qc.qubit %0[255 : i64] : !qc.reg<274>
    %257 = qc.qubit %0[256 : i64] : !qc.reg<274>
    %258 = qc.qubit %0[257 : i64] : !qc.reg<274>
    %259 = qc.qubit %0[258 : i64] : !qc.reg<274>
    %260 = qc.qubit %0[259 : i64] : !qc.reg<274>
    %261 = qc.qubit %0[260 : i64] : !qc.reg<274>
    %262 = qc.qubit %0[261 : i64] : !qc.reg<274>
    %263 = qc.qubit %0[262 : i64] : !qc.reg<274>
    %264 = qc.qubit %0[263 : i64] : !qc.reg<274>
    %265 = qc.qubit %0[264 : i64] : !qc.reg<274>
    %266 = qc.qubit %0[265 : i64] : !qc.reg<274>
    %267 = qc.qubit %0[266 : i64] : !qc.reg<274>
    %268 = qc.qubit %0[267 : i64] : !qc.reg<274>
    %269 = qc.qubit %0[268 : i64] : !qc.reg<274>
    %270 = qc.qubit %0[269 : i64] : !qc.reg<274>
    %271 = qc.qubit %0[270 : i64] : !qc.reg<274>
    %272 = qc.qubit %0[271 : i64] : !qc.reg<274>
    %273 = qc.qubit %0[272 : i64] : !qc.reg<274>
    %274 = qc.qubit %0[273 : i64] : !qc.reg<274>
    qc.reset %2
    qc.reset %4
    qc.reset %6
    qc.reset %8
    qc.reset %10
    qc.reset %12
    qc.reset %14
    qc.reset %16
    qc.reset %18
    qc.reset %20
    qc.reset %22
    qc.reset %25
    qc.reset %27
    qc.reset %29
    qc.reset %31
    qc.reset %33
    qc.reset %35
    qc.reset %37
    qc.reset %39
    qc.reset %41
    qc.reset %43
    qc.reset %45
    qc.reset %48
    qc.reset %50
    qc.reset %52
    qc.reset %54
    qc.reset %56
    qc.reset %58
    qc.reset %60
    qc.reset %62
    qc.reset %64
    qc.reset %66
    qc.reset %68
    qc.reset %71
    qc.reset %73
    qc.reset %75
    qc.reset %77
    qc.reset %79
    qc.reset %81
    qc.reset %83
    qc.reset %85
    qc.reset %87
    qc.reset %89
    qc.reset %91
    qc.reset %94
    qc.reset %96
    qc.reset %98
    qc.reset %100
    qc.reset %102
    qc.reset %104
    qc.reset %106
    qc.reset %108
    qc.reset %110
    qc.reset %112
    qc.reset %114
    qc.reset %117
    qc.reset %119
    qc.reset %121
    qc.reset %123
    qc.reset %125
    qc.reset %127
    qc.reset %129
    qc.reset %131
    qc.reset %133
    qc.reset %135
    qc.reset %137
    qc.reset %140
    qc.reset %142
    qc.reset %144
    qc.reset %146
    qc.reset %148
    qc.reset %150
    qc.reset %152
    qc.reset %154
    qc.reset %156
    qc.reset %158
    qc.reset %160
    qc.reset %163
    qc.reset %165
    qc.reset %167
    qc.reset %169
    qc.reset %171
    qc.reset %173
    qc.reset %175
    qc.reset %177
    qc.reset %179
    qc.reset %181
    qc.reset %183
    qc.reset %186
    qc.reset %188
    qc.reset %190
    qc.reset %192
    qc.reset %194
    qc.reset %196
    qc.reset %198
    qc.reset %200
    qc.reset %202
    qc.reset %204
    qc.reset %206
    qc.reset %209
    qc.reset %211
    qc.reset %213
    qc.reset %215
    qc.reset %217
    qc.reset %219
    qc.reset %221
    qc.reset %223
    qc.reset %225
    qc.reset %227
    qc.reset %229
    qc.reset %232
    qc.reset %234
    qc.reset %236
    qc.reset %238
    qc.reset %240
    qc.reset %242
    qc.reset %244
    qc.reset %246
    qc.reset %248
    qc.reset %250
    qc.reset %252
    qc.reset %3
    qc.reset %7
    qc.reset %11
    qc.reset %15
    qc.reset %19
    qc.reset %26
    qc.reset %28
    qc.reset %30
    qc.reset %32
    qc.reset %34
    qc.reset %36
    qc.reset %38
    qc.reset %40
    qc.reset %42
    qc.reset %44
    qc.reset %46
    qc.reset %47
    qc.reset %49
    qc.reset %51
    qc.reset %53
    qc.reset %55
    qc.reset %57
    qc.reset %59
    qc.reset %61
    qc.reset %63
    qc.reset %65
    qc.reset %67
    qc.reset %72
    qc.reset %74
    qc.reset %76
    qc.reset %78
    qc.reset %80
    qc.reset %82
    qc.reset %84
    qc.reset %86
    qc.reset %88
    qc.reset %90
    qc.reset %92
    qc.reset %93
    qc.reset %95
    qc.reset %97
    qc.reset %99
    qc.reset %101
    qc.reset %103
    qc.reset %105
    qc.reset %107
    qc.reset %109
    qc.reset %111
    qc.reset %113
    qc.reset %118
    qc.reset %120
    qc.reset %122
    qc.reset %124
    qc.reset %126
    qc.reset %128
    qc.reset %130
    qc.reset %132
    qc.reset %134
    qc.reset %136
    qc.reset %138
    qc.reset %139
    qc.reset %141
    qc.reset %143
    qc.reset %145
    qc.reset %147
    qc.reset %149
    qc.reset %151
    qc.reset %153
    qc.reset %155
    qc.reset %157
    qc.reset %159
    qc.reset %164
    qc.reset %166
    qc.reset %168
    qc.reset %170
    qc.reset %172
    qc.reset %174
    qc.reset %176
    qc.reset %178
    qc.reset %180
    qc.reset %182
    qc.reset %184
    qc.reset %185
    qc.reset %187
    qc.reset %189
    qc.reset %191
    qc.reset %193
    qc.reset %195
    qc.reset %197
    qc.reset %199
    qc.reset %201
    qc.reset %203
    qc.reset %205
    qc.reset %210
    qc.reset %212
    qc.reset %214
    qc.reset %216
    qc.reset %218
    qc.reset %220
    qc.reset %222
    qc.reset %224
    qc.reset %226
    qc.reset %228
    qc.reset %230
    qc.reset %231
    qc.reset %233
    qc.reset %235
    qc.reset %237
    qc.reset %239
    qc.reset %241
    qc.reset %243
    qc.reset %245
    qc.reset %247
    qc.reset %249
    qc.reset %251
    qc.reset %258
    qc.reset %262
    qc.reset %266
    qc.reset %270
    qc.reset %274
    qc.gate "h" %3
    qc.gate "h" %7
    qc.gate "h" %11
    qc.gate "h" %15
    qc.gate "h" %19
    qc.gate "h" %28
    qc.gate "h" %32
    qc.gate "h" %36
    qc.gate "h" %40
    qc.gate "h" %44
    qc.gate "h" %49
    qc.gate "h" %53
    qc.gate "h" %57
    qc.gate "h" %61
    qc.gate "h" %65
    qc.gate "h" %74
    qc.gate "h" %78
    qc.gate "h" %82
    qc.gate "h" %86
    qc.gate "h" %90
    qc.gate "h" %95
    qc.gate "h" %99
    qc.gate "h" %103
    qc.gate "h" %107
    qc.gate "h" %111
    qc.gate "h" %120
    qc.gate "h" %124
    qc.gate "h" %128
    qc.gate "h" %132
    qc.gate "h" %136
    qc.gate "h" %141
    qc.gate "h" %145
    qc.gate "h" %149
    qc.gate "h" %153
    qc.gate "h" %157
    qc.gate "h" %166
    qc.gate "h" %170
    qc.gate "h" %174
    qc.gate "h" %178
    qc.gate "h" %182
    qc.gate "h" %187
    qc.gate "h" %191
    qc.gate "h" %195
    qc.gate "h" %199
    qc.gate "h" %203
    qc.gate "h" %212
    qc.gate "h" %216
    qc.gate "h" %220
    qc.gate "h" %224
    qc.gate "h" %228
    qc.gate "h" %233
    qc.gate "h" %237
    qc.gate "h" %241
    qc.gate "h" %245
    qc.gate "h" %249
    qc.gate "h" %258
    qc.gate "h" %262
    qc.gate "h" %266
    qc.gate "h" %270
    qc.gate "h" %274
    qc.gate "cx" %3, %4
    qc.gate "cx" %49, %50
    qc.gate "cx" %95, %96
    qc.gate "cx" %141, %142
    qc.gate "cx" %187, %188
    qc.gate "cx" %233, %234
    qc.gate "cx" %28, %29
    qc.gate "cx" %74, %75
    qc.gate "cx" %120, %121
    qc.gate "cx" %166, %167
    qc.gate "cx" %212, %213
    qc.gate "cx" %7, %8
    qc.gate "cx" %53, %54
    qc.gate "cx" %99, %100
    qc.gate "cx" %145, %146
    qc.gate "cx" %191, %192
    qc.gate "cx" %237, %238
    qc.gate "cx" %32, %33
    qc.gate "cx" %78, %79
    qc.gate "cx" %124, %125
    qc.gate "cx" %170, %171
    qc.gate "cx" %216, %217
    qc.gate "cx" %11, %12
    qc.gate "cx" %57, %58
    qc.gate "cx" %103, %104
    qc.gate "cx" %149, %150
    qc.gate "cx" %195, %196
    qc.gate "cx" %241, %242
    qc.gate "cx" %36, %37
    qc.gate "cx" %82, %83
    qc.gate "cx" %128, %129
    qc.gate "cx" %174, %175
    qc.gate "cx" %220, %221
    qc.gate "cx" %15, %16
    qc.gate "cx" %61, %62
    qc.gate "cx" %107, %108
    qc.gate "cx" %153, %154
    qc.gate "cx" %199, %200
    qc.gate "cx" %245, %246
    qc.gate "cx" %40, %41
    qc.gate "cx" %86, %87
    qc.gate "cx" %132, %133
    qc.gate "cx" %178, %179
    qc.gate "cx" %224, %225
    qc.gate "cx" %19, %20
    qc.gate "cx" %65, %66
    qc.gate "cx" %111, %112
    qc.gate "cx" %157, %158
    qc.gate "cx" %203, %204
    qc.gate "cx" %249, %250
    qc.gate "cx" %44, %45
    qc.gate "cx" %90, %91
    qc.gate "cx" %136, %137
    qc.gate "cx" %182, %183
    qc.gate "cx" %228, %229
    qc.gate "cx" %48, %47
    qc.gate "cx" %94, %93
    qc.gate "cx" %140, %139
    qc.gate "cx" %186, %185
    qc.gate "cx" %232, %231
    qc.gate "cx" %27, %26
    qc.gate "cx" %73, %72
    qc.gate "cx" %119, %118
    qc.gate "cx" %165, %164
    qc.gate "cx" %211, %210
    qc.gate "cx" %52, %51
    qc.gate "cx" %98, %97
    qc.gate "cx" %144, %143
    qc.gate "cx" %190, %189
    qc.gate "cx" %236, %235
    qc.gate "cx" %31, %30
    qc.gate "cx" %77, %76
    qc.gate "cx" %123, %122
    qc.gate "cx" %169, %168
    qc.gate "cx" %215, %214
    qc.gate "cx" %56, %55
    qc.gate "cx" %102, %101
    qc.gate "cx" %148, %147
    qc.gate "cx" %194, %193
    qc.gate "cx" %240, %239
    qc.gate "cx" %35, %34
    qc.gate "cx" %81, %80
    qc.gate "cx" %127, %126
    qc.gate "cx" %173, %172
    qc.gate "cx" %219, %218
    qc.gate "cx" %60, %59
    qc.gate "cx" %106, %105
    qc.gate "cx" %152, %151
    qc.gate "cx" %198, %197
    qc.gate "cx" %244, %243
    qc.gate "cx" %39, %38
    qc.gate "cx" %85, %84
    qc.gate "cx" %131, %130
    qc.gate "cx" %177, %176
    qc.gate "cx" %223, %222
    qc.gate "cx" %64, %63
    qc.gate "cx" %110, %109
    qc.gate "cx" %156, %155
    qc.gate "cx" %202, %201
    qc.gate "cx" %248, %247
    qc.gate "cx" %43, %42
    qc.gate "cx" %89, %88
    qc.gate "cx" %135, %134
    qc.gate "cx" %181, %180
    qc.gate "cx" %227, %226
    qc.gate "cx" %68, %67
    qc.gate "cx" %114, %113
    qc.gate "cx" %160, %159
    qc.gate "cx" %206, %205
    qc.gate "cx" %252, %251
    qc.gate "cx" %3, %2
    qc.gate "cx" %49, %48
    qc.gate "cx" %95, %94
    qc.gate "cx" %141, %140
    qc.gate "cx" %187, %186
    qc.gate "cx" %233, %232
    qc.gate "cx" %28, %27
    qc.gate "cx" %74, %73
    qc.gate "cx" %120, %119
    qc.gate "cx" %166, %165
    qc.gate "cx" %212, %211
    qc.gate "cx" %7, %6
    qc.gate "cx" %53, %52
    qc.gate "cx" %99, %98
    qc.gate "cx" %145, %144
    qc.gate "cx" %191, %190
    qc.gate "cx" %237, %236
    qc.gate "cx" %32, %31
    qc.gate "cx" %78, %77
    qc.gate "cx" %124, %123
    qc.gate "cx" %170, %169
    qc.gate "cx" %216, %215
    qc.gate "cx" %11, %10
    qc.gate "cx" %57, %56
    qc.gate "cx" %103, %102
    qc.gate "cx" %149, %148
    qc.gate "cx" %195, %194
    qc.gate "cx" %241, %240
    qc.gate "cx" %36, %35
    qc.gate "cx" %82, %81
    qc.gate "cx" %128, %127
    qc.gate "cx" %174, %173
    qc.gate "cx" %220, %219
    qc.gate "cx" %15, %14
    qc.gate "cx" %61, %60
    qc.gate "cx" %107, %106
    qc.gate "cx" %153, %152
    qc.gate "cx" %199, %198
    qc.gate "cx" %245, %244
    qc.gate "cx" %40, %39
    qc.gate "cx" %86, %85
    qc.gate "cx" %132, %131
    qc.gate "cx" %178, %177
    qc.gate "cx" %224, %223
    qc.gate "cx" %19, %18
    qc.gate "cx" %65, %64
    qc.gate "cx" %111, %110
    qc.gate "cx" %157, %156
    qc.gate "cx" %203, %202
    qc.gate "cx" %249, %248
    qc.gate "cx" %44, %43
    qc.gate "cx" %90, %89
    qc.gate "cx" %136, %135
    qc.gate "cx" %182, %181
    qc.gate "cx" %228, %227
    qc.gate "cx" %25, %47
    qc.gate "cx" %71, %93
    qc.gate "cx" %117, %139
    qc.gate "cx" %163, %185
    qc.gate "cx" %209, %231
    qc.gate "cx" %4, %26
    qc.gate "cx" %50, %72
    qc.gate "cx" %96, %118
    qc.gate "cx" %142, %164
    qc.gate "cx" %188, %210
    qc.gate "cx" %29, %51
    qc.gate "cx" %75, %97
    qc.gate "cx" %121, %143
    qc.gate "cx" %167, %189
    qc.gate "cx" %213, %235
    qc.gate "cx" %8, %30
    qc.gate "cx" %54, %76
    qc.gate "cx" %100, %122
    qc.gate "cx" %146, %168
    qc.gate "cx" %192, %214
    qc.gate "cx" %33, %55
    qc.gate "cx" %79, %101
    qc.gate "cx" %125, %147
    qc.gate "cx" %171, %193
    qc.gate "cx" %217, %239
    qc.gate "cx" %12, %34
    qc.gate "cx" %58, %80
    qc.gate "cx" %104, %126
    qc.gate "cx" %150, %172
    qc.gate "cx" %196, %218
    qc.gate "cx" %37, %59
    qc.gate "cx" %83, %105
    qc.gate "cx" %129, %151
    qc.gate "cx" %175, %197
    qc.gate "cx" %221, %243
    qc.gate "cx" %16, %38
    qc.gate "cx" %62, %84
    qc.gate "cx" %108, %130
    qc.gate "cx" %154, %176
    qc.gate "cx" %200, %222
    qc.gate "cx" %41, %63
    qc.gate "cx" %87, %109
    qc.gate "cx" %133, %155
    qc.gate "cx" %179, %201
    qc.gate "cx" %225, %247
    qc.gate "cx" %20, %42
    qc.gate "cx" %66, %88
    qc.gate "cx" %112, %134
    qc.gate "cx" %158, %180
    qc.gate "cx" %204, %226
    qc.gate "cx" %45, %67
    qc.gate "cx" %91, %113
    qc.gate "cx" %137, %159
    qc.gate "cx" %183, %205
    qc.gate "cx" %229, %251
    qc.gate "cx" %49, %27
    qc.gate "cx" %95, %73
    qc.gate "cx" %141, %119
    qc.gate "cx" %187, %165
    qc.gate "cx" %233, %211
    qc.gate "cx" %28, %6
    qc.gate "cx" %74, %52
    qc.gate "cx" %120, %98
    qc.gate "cx" %166, %144
    qc.gate "cx" %212, %190
    qc.gate "cx" %258, %236
    qc.gate "cx" %53, %31
    qc.gate "cx" %99, %77
    qc.gate "cx" %145, %123
    qc.gate "cx" %191, %169
    qc.gate "cx" %237, %215
    qc.gate "cx" %32, %10
    qc.gate "cx" %78, %56
    qc.gate "cx" %124, %102
    qc.gate "cx" %170, %148
    qc.gate "cx" %216, %194
    qc.gate "cx" %262, %240
    qc.gate "cx" %57, %35
    qc.gate "cx" %103, %81
    qc.gate "cx" %149, %127
    qc.gate "cx" %195, %173
    qc.gate "cx" %241, %219
    qc.gate "cx" %36, %14
    qc.gate "cx" %82, %60
    qc.gate "cx" %128, %106
    qc.gate "cx" %174, %152
    qc.gate "cx" %220, %198
    qc.gate "cx" %266, %244
    qc.gate "cx" %61, %39
    qc.gate "cx" %107, %85
    qc.gate "cx" %153, %131
    qc.gate "cx" %199, %177
    qc.gate "cx" %245, %223
    qc.gate "cx" %40, %18
    qc.gate "cx" %86, %64
    qc.gate "cx" %132, %110
    qc.gate "cx" %178, %156
    qc.gate "cx" %224, %202
    qc.gate "cx" %270, %248
    qc.gate "cx" %65, %43
    qc.gate "cx" %111, %89
    qc.gate "cx" %157, %135
    qc.gate "cx" %203, %181
    qc.gate "cx" %249, %227
    qc.gate "cx" %44, %22
    qc.gate "cx" %90, %68
    qc.gate "cx" %136, %114
    qc.gate "cx" %182, %160
    qc.gate "cx" %228, %206
    qc.gate "cx" %274, %252
    qc.gate "cx" %25, %26
    qc.gate "cx" %71, %72
    qc.gate "cx" %117, %118
    qc.gate "cx" %163, %164
    qc.gate "cx" %209, %210
    qc.gate "cx" %50, %51
    qc.gate "cx" %96, %97
    qc.gate "cx" %142, %143
    qc.gate "cx" %188, %189
    qc.gate "cx" %234, %235
    qc.gate "cx" %29, %30
    qc.gate "cx" %75, %76
    qc.gate "cx" %121, %122
    qc.gate "cx" %167, %168
    qc.gate "cx" %213, %214
    qc.gate "cx" %54, %55
    qc.gate "cx" %100, %101
    qc.gate "cx" %146, %147
    qc.gate "cx" %192, %193
    qc.gate "cx" %238, %239
    qc.gate "cx" %33, %34
    qc.gate "cx" %79, %80
    qc.gate "cx" %125, %126
    qc.gate "cx" %171, %172
    qc.gate "cx" %217, %218
    qc.gate "cx" %58, %59
    qc.gate "cx" %104, %105
    qc.gate "cx" %150, %151
    qc.gate "cx" %196, %197
    qc.gate "cx" %242, %243
    qc.gate "cx" %37, %38
    qc.gate "cx" %83, %84
    qc.gate "cx" %129, %130
    qc.gate "cx" %175, %176
    qc.gate "cx" %221, %222
    qc.gate "cx" %62, %63
    qc.gate "cx" %108, %109
    qc.gate "cx" %154, %155
    qc.gate "cx" %200, %201
    qc.gate "cx" %246, %247
    qc.gate "cx" %41, %42
    qc.gate "cx" %87, %88
    qc.gate "cx" %133, %134
    qc.gate "cx" %179, %180
    qc.gate "cx" %225, %226
    qc.gate "cx" %66, %67
    qc.gate "cx" %112, %113
    qc.gate "cx" %158, %159
    qc.gate "cx" %204, %205
    qc.gate "cx" %250, %251
    qc.gate "cx" %45, %46
    qc.gate "cx" %91, %92
    qc.gate "cx" %137, %138
    qc.gate "cx" %183, %184
    qc.gate "cx" %229, %230
    qc.gate "cx" %49, %25
    qc.gate "cx" %95, %71
    qc.gate "cx" %141, %117
    qc.gate "cx" %187, %163
    qc.gate "cx" %233, %209
    qc.gate "cx" %28, %4
    qc.gate "cx" %74, %50
    qc.gate "cx" %120, %96
    qc.gate "cx" %166, %142
    qc.gate "cx" %212, %188
    qc.gate "cx" %258, %234
    qc.gate "cx" %53, %29
    qc.gate "cx" %99, %75
    qc.gate "cx" %145, %121
    qc.gate "cx" %191, %167
    qc.gate "cx" %237, %213
    qc.gate "cx" %32, %8
    qc.gate "cx" %78, %54
    qc.gate "cx" %124, %100
    qc.gate "cx" %170, %146
    qc.gate "cx" %216, %192
    qc.gate "cx" %262, %238
    qc.gate "cx" %57, %33
    qc.gate "cx" %103, %79
    qc.gate "cx" %149, %125
    qc.gate "cx" %195, %171
    qc.gate "cx" %241, %217
    qc.gate "cx" %36, %12
    qc.gate "cx" %82, %58
    qc.gate "cx" %128, %104
    qc.gate "cx" %174, %150
    qc.gate "cx" %220, %196
    qc.gate "cx" %266, %242
    qc.gate "cx" %61, %37
    qc.gate "cx" %107, %83
    qc.gate "cx" %153, %129
    qc.gate "cx" %199, %175
    qc.gate "cx" %245, %221
    qc.gate "cx" %40, %16
    qc.gate "cx" %86, %62
    qc.gate "cx" %132, %108
    qc.gate "cx" %178, %154
    qc.gate "cx" %224, %200
    qc.gate "cx" %270, %246
    qc.gate "cx" %65, %41
    qc.gate "cx" %111, %87
    qc.gate "cx" %157, %133
    qc.gate "cx" %203, %179
    qc.gate "cx" %249, %225
    qc.gate "cx" %44, %20
    qc.gate "cx" %90, %66
    qc.gate "cx" %136, %112
    qc.gate "cx" %182, %158
    qc.gate "cx" %228, %204
    qc.gate "cx" %274, %250
    qc.gate "cx" %2, %26
    qc.gate "cx" %48, %72
    qc.gate "cx" %94, %118
    qc.gate "cx" %140, %164
    qc.gate "cx" %186, %210
    qc.gate "cx" %27, %51
    qc.gate "cx" %73, %97
    qc.gate "cx" %119, %143
    qc.gate "cx" %165, %189
    qc.gate "cx" %211, %235
    qc.gate "cx" %6, %30
    qc.gate "cx" %52, %76
    qc.gate "cx" %98, %122
    qc.gate "cx" %144, %168
    qc.gate "cx" %190, %214
    qc.gate "cx" %31, %55
    qc.gate "cx" %77, %101
    qc.gate "cx" %123, %147
    qc.gate "cx" %169, %193
    qc.gate "cx" %215, %239
    qc.gate "cx" %10, %34
    qc.gate "cx" %56, %80
    qc.gate "cx" %102, %126
    qc.gate "cx" %148, %172
    qc.gate "cx" %194, %218
    qc.gate "cx" %35, %59
    qc.gate "cx" %81, %105
    qc.gate "cx" %127, %151
    qc.gate "cx" %173, %197
    qc.gate "cx" %219, %243
    qc.gate "cx" %14, %38
    qc.gate "cx" %60, %84
    qc.gate "cx" %106, %130
    qc.gate "cx" %152, %176
    qc.gate "cx" %198, %222
    qc.gate "cx" %39, %63
    qc.gate "cx" %85, %109
    qc.gate "cx" %131, %155
    qc.gate "cx" %177, %201
    qc.gate "cx" %223, %247
    qc.gate "cx" %18, %42
    qc.gate "cx" %64, %88
    qc.gate "cx" %110, %134
    qc.gate "cx" %156, %180
    qc.gate "cx" %202, %226
    qc.gate "cx" %43, %67
    qc.gate "cx" %89, %113
    qc.gate "cx" %135, %159
    qc.gate "cx" %181, %205
    qc.gate "cx" %227, %251
    qc.gate "cx" %22, %46
    qc.gate "cx" %68, %92
    qc.gate "cx" %114, %138
    qc.gate "cx" %160, %184
    qc.gate "cx" %206, %230
    qc.gate "h" %3
    qc.gate "h" %7
    qc.gate "h" %11
    qc.gate "h" %15
    qc.gate "h" %19
    qc.gate "h" %28
    qc.gate "h" %32
    qc.gate "h" %36
    qc.gate "h" %40
    qc.gate "h" %44
    qc.gate "h" %49
    qc.gate "h" %53
    qc.gate "h" %57
    qc.gate "h" %61
    qc.gate "h" %65
    qc.gate "h" %74
    qc.gate "h" %78
    qc.gate "h" %82
    qc.gate "h" %86
    qc.gate "h" %90
    qc.gate "h" %95
    qc.gate "h" %99
    qc.gate "h" %103
    qc.gate "h" %107
    qc.gate "h" %111
    qc.gate "h" %120
    qc.gate "h" %124
    qc.gate "h" %128
    qc.gate "h" %132
    qc.gate "h" %136
    qc.gate "h" %141
    qc.gate "h" %145
    qc.gate "h" %149
    qc.gate "h" %153
    qc.gate "h" %157
    qc.gate "h" %166
    qc.gate "h" %170
    qc.gate "h" %174
    qc.gate "h" %178
    qc.gate "h" %182
    qc.gate "h" %187
    qc.gate "h" %191
    qc.gate "h" %195
    qc.gate "h" %199
    qc.gate "h" %203
    qc.gate "h" %212
    qc.gate "h" %216
    qc.gate "h" %220
    qc.gate "h" %224
    qc.gate "h" %228
    qc.gate "h" %233
    qc.gate "h" %237
    qc.gate "h" %241
    qc.gate "h" %245
    qc.gate "h" %249
    qc.gate "h" %258
    qc.gate "h" %262
    qc.gate "h" %266
    qc.gate "h" %270
    qc.gate "h" %274
    %275 = qc.measure %3
    qc.reset %3
    %276 = qc.measure %7
    qc.reset %7
    %277 = qc.measure %11
    qc.reset %11
    %278 = qc.measure %15
    qc.reset %15
    %279 = qc.measure %19
    qc.reset %19
    %280 = qc.measure %26
    qc.reset %26
    %281 = qc.measure %28
    qc.reset %28
    %282 = qc.measure %30
    qc.reset %30
    %283 = qc.measure %32
    qc.reset %32
    %284 = qc.measure %34
    qc.reset %34
    %285 = qc.measure %36
    qc.reset %36
    %286 = qc.measure %38
    qc.reset %38
    %287 = qc.measure %40
    qc.reset %40
    %288 = qc.measure %42
    qc.reset %42
    %289 = qc.measure %44
    qc.reset %44
    %290 = qc.measure %46
    qc.reset %46
    %291 = qc.measure %47
    qc.reset %47
    %292 = qc.measure %49
    qc.reset %49
    %293 = qc.measure %51
    qc.reset %51
    %294 = qc.measure %53
    qc.reset %53
    %295 = qc.measure %55
    qc.reset %55
    %296 = qc.measure %57
    qc.reset %57
    %297 = qc.measure %59
    qc.reset %59
    %298 = qc.measure %61
    qc.reset %61
    %299 = qc.measure %63
    qc.reset %63
    %300 = qc.measure %65
    qc.reset %65
    %301 = qc.measure %67
    qc.reset %67
    %302 = qc.measure %72
    qc.reset %72
    %303 = qc.measure %74
    qc.reset %74
    %304 = qc.measure %76
    qc.reset %76
    %305 = qc.measure %78
    qc.reset %78
    %306 = qc.measure %80
    qc.reset %80
    %307 = qc.measure %82
    qc.reset %82
    %308 = qc.measure %84
    qc.reset %84
    %309 = qc.measure %86
    qc.reset %86
    %310 = qc.measure %88
    qc.reset %88
    %311 = qc.measure %90
    qc.reset %90
    %312 = qc.measure %92
    qc.reset %92
    %313 = qc.measure %93
    qc.reset %93
    %314 = qc.measure %95
    qc.reset %95
    %315 = qc.measure %97
    qc.reset %97
    %316 = qc.measure %99
    qc.reset %99
    %317 = qc.measure %101
    qc.reset %101
    %318 = qc.measure %103
    qc.reset %103
    %319 = qc.measure %105
    qc.reset %105
    %320 = qc.measure %107
    qc.reset %107
    %321 = qc.measure %109
    qc.reset %109
    %322 = qc.measure %111
    qc.reset %111
    %323 = qc.measure %113
    qc.reset %113
    %324 = qc.measure %118
    qc.reset %118
    %325 = qc.measure %120
    qc.reset %120
    %326 = qc.measure %122
    qc.reset %122
    %327 = qc.measure %124
    qc.reset %124
    %328 = qc.measure %126
    qc.reset %126
    %329 = qc.measure %128
    qc.reset %128
    %330 = qc.measure %130
    qc.reset %130
    %331 = qc.measure %132
    qc.reset %132
    %332 = qc.measure %134
    qc.reset %134
    %333 = qc.measure %136
    qc.reset %136
    %334 = qc.measure %138
    qc.reset %138
    %335 = qc.measure %139
    qc.reset %139
    %336 = qc.measure %141
    qc.reset %141
    %337 = qc.measure %143
    qc.reset %143
    %338 = qc.measure %145
    qc.reset %145
    %339 = qc.measure %147
    qc.reset %147
    %340 = qc.measure %149
    qc.reset %149
    %341 = qc.measure %151
    qc.reset %151
    %342 = qc.measure %153
    qc.reset %153
    %343 = qc.measure %155
    qc.reset %155
    %344 = qc.measure %157
    qc.reset %157
    %345 = qc.measure %159
    qc.reset %159
    %346 = qc.measure %164
    qc.reset %164
    %347 = qc.measure %166
    qc.reset %166
    %348 = qc.measure %168
    qc.reset %168
    %349 = qc.measure %170
    qc.reset %170
    %350 = qc.measure %172
    qc.reset %172
    %351 = qc.measure %174
    qc.reset %174
    %352 = qc.measure %176
    qc.reset %176
    %353 = qc.measure %178
    qc.reset %178
    %354 = qc.measure %180
    qc.reset %180
    %355 = qc.measure %182
    qc.reset %182
    %356 = qc.measure %184
    qc.reset %184
    %357 = qc.measure %185
    qc.reset %185
    %358 = qc.measure %187
    qc.reset %187
    %359 = qc.measure %189
    qc.reset %189
    %360 = qc.measure %191
    qc.reset %191
    %361 = qc.measure %193
    qc.reset %193
    %362 = qc.measure %195
    qc.reset %195
    %363 = qc.measure %197
    qc.reset %197
    %364 = qc.measure %199
    qc.reset %199
    %365 = qc.measure %201
    qc.reset %201
    %366 = qc.measure %203
    qc.reset %203
    %367 = qc.measure %205
    qc.reset %205
    %368 = qc.measure %210
    qc.reset %210
    %369 = qc.measure %212
    qc.reset %212
    %370 = qc.measure %214
    qc.reset %214
    %371 = qc.measure %216
    qc.reset %216
    %372 = qc.measure %218
    qc.reset %218
    %373 = qc.measure %220
    qc.reset %220
    %374 = qc.measure %222
    qc.reset %222
    %375 = qc.measure %224
    qc.reset %224
    %376 = qc.measure %226
    qc.reset %226
    %377 = qc.measure %228
    qc.reset %228
    %378 = qc.measure %230
    qc.reset %230
    %379 = qc.measure %231
    qc.reset %231
    %380 = qc.measure %233
    qc.reset %233
    %381 = qc.measure %235
    qc.reset %235
    %382 = qc.measure %237
    qc.reset %237
    %383 = qc.measure %239
    qc.reset %239
    %384 = qc.measure %241
    qc.reset %241
    %385 = qc.measure %243
    qc.reset %243
    %386 = qc.measure %245
    qc.reset %245
    %387 = qc.measure %247
    qc.reset %247
    %388 = qc.measure %249
    qc.reset %249
    %389 = qc.measure %251
    qc.reset %251
    %390 = qc.measure %258
    qc.reset %258
    %391 = qc.measure %262
    qc.reset %262
    %392 = qc.measure %266
    qc.reset %266
    %393 = qc.measure %270
    qc.reset %270
    %394 = qc.measure %274
    qc.reset %274
    ckpt.detector [%291] coords [0.0, 4.0, 0.0]
    ckpt.detector [%313] coords [0.0, 8.0, 0.0]
    ckpt.detector [%335] coords [0.0, 12.0, 0.0]
    ckpt.detector [%357] coords [0.0, 16.0, 0.0]
    ckpt.detector [%379] coords [0.0, 20.0, 0.0]
    ckpt.detector [%280] coords [2.0, 2.0, 0.0]
    ckpt.detector [%302] coords [2.0, 6.0, 0.0]
    ckpt.detector [%324] coords [2.0, 10.0, 0.0]
    ckpt.detector [%346] coords [2.0, 14.0, 0.0]
    ckpt.detector [%368] coords [2.0, 18.0, 0.0]
    ckpt.detector [%293] coords [4.0, 4.0, 0.0]
    ckpt.detector [%315] coords [4.0, 8.0, 0.0]
    ckpt.detector [%337] coords [4.0, 12.0, 0.0]
    ckpt.detector [%359] coords [4.0, 16.0, 0.0]
    ckpt.detector [%381] coords [4.0, 20.0, 0.0]
    ckpt.detector [%282] coords [6.0, 2.0, 0.0]
    ckpt.detector [%304] coords [6.0, 6.0, 0.0]
    ckpt.detector [%326] coords [6.0, 10.0, 0.0]
    ckpt.detector [%348] coords [6.0, 14.0, 0.0]
    ckpt.detector [%370] coords [6.0, 18.0, 0.0]
    ckpt.detector [%295] coords [8.0, 4.0, 0.0]
    ckpt.detector [%317] coords [8.0, 8.0, 0.0]
    ckpt.detector [%339] coords [8.0, 12.0, 0.0]
    ckpt.detector [%361] coords [8.0, 16.0, 0.0]
    ckpt.detector [%383] coords [8.0, 20.0, 0.0]
    ckpt.detector [%284] coords [10.0, 2.0, 0.0]
    ckpt.detector [%306] coords [10.0, 6.0, 0.0]
    ckpt.detector [%328] coords [10.0, 10.0, 0.0]
    ckpt.detector [%350] coords [10.0, 14.0, 0.0]
    ckpt.detector [%372] coords [10.0, 18.0, 0.0]
    ckpt.detector [%297] coords [12.0, 4.0, 0.0]
    ckpt.detector [%319] coords [12.0, 8.0, 0.0]
    ckpt.detector [%341] coords [12.0, 12.0, 0.0]
    ckpt.detector [%363] coords [12.0, 16.0, 0.0]
    ckpt.detector [%385] coords [12.0, 20.0, 0.0]
    ckpt.detector [%286] coords [14.0, 2.0, 0.0]
    ckpt.detector [%308] coords [14.0, 6.0, 0.0]
    ckpt.detector [%330] coords [14.0, 10.0, 0.0]
    ckpt.detector [%352] coords [14.0, 14.0, 0.0]
    ckpt.detector [%374] coords [14.0, 18.0, 0.0]
    ckpt.detector [%299] coords [16.0, 4.0, 0.0]
    ckpt.detector [%321] coords [16.0, 8.0, 0.0]
    ckpt.detector [%343] coords [16.0, 12.0, 0.0]
    ckpt.detector [%365] coords [16.0, 16.0, 0.0]
    ckpt.detector [%387] coords [16.0, 20.0, 0.0]
    ckpt.detector [%288] coords [18.0, 2.0, 0.0]
    ckpt.detector [%310] coords [18.0, 6.0, 0.0]
    ckpt.detector [%332] coords [18.0, 10.0, 0.0]
    ckpt.detector [%354] coords [18.0, 14.0, 0.0]
    ckpt.detector [%376] coords [18.0, 18.0, 0.0]
    ckpt.detector [%301] coords [20.0, 4.0, 0.0]
    ckpt.detector [%323] coords [20.0, 8.0, 0.0]
    ckpt.detector [%345] coords [20.0, 12.0, 0.0]
    ckpt.detector [%367] coords [20.0, 16.0, 0.0]
    ckpt.detector [%389] coords [20.0, 20.0, 0.0]
    ckpt.detector [%290] coords [22.0, 2.0, 0.0]
    ckpt.detector [%312] coords [22.0, 6.0, 0.0]
    ckpt.detector [%334] coords [22.0, 10.0, 0.0]
    ckpt.detector [%356] coords [22.0, 14.0, 0.0]
    ckpt.detector [%378] coords [22.0, 18.0, 0.0]
    %395 = arith.constant 0 : index
    %396 = arith.constant 32 : index
    %397 = arith.constant 1 : index
    %398, %399, %400, %401, %402, %403, %404, %405, %406, %407, %408, %409, %410, %411, %412, %413, %414, %415, %416, %417, %418, %419, %420, %421, %422, %423, %424, %425, %426, %427, %428, %429, %430, %431, %432, %433, %434, %435, %436, %437, %438, %439, %440, %441, %442, %443, %444, %445, %446, %447, %448, %449, %450, %451, %452, %453, %454, %455, %456, %457, %458, %459, %460, %461, %462, %463, %464, %465, %466, %467, %468, %469, %470, %471, %472, %473, %474, %475, %476, %477, %478, %479, %480, %481, %482, %483, %484, %485, %486, %487, %488, %489, %490, %491, %492, %493, %494, %495, %496, %497, %498, %499, %500, %501, %502, %503, %504, %505, %506, %507, %508, %509, %510, %511, %512, %513, %514, %515, %516, %517 = scf.for %518 = %395 to %396 step %397 iter_args(%519 = %275, %520 = %276, %521 = %277, %522 = %278, %523 = %279, %524 = %280, %525 = %281, %526 = %282, %527 = %283, %528 = %284, %529 = %285, %530 = %286, %531 = %287, %532 = %288, %533 = %289, %534 = %290, %535 = %291, %536 = %292, %537 = %293, %538 = %294, %539 = %295, %540 = %296, %541 = %297, %542 = %298, %543 = %299, %544 = %300, %545 = %301, %546 = %302, %547 = %303, %548 = %304, %549 = %305, %550 = %306, %551 = %307, %552 = %308, %553 = %309, %554 = %310, %555 = %311, %556 = %312, %557 = %313, %558 = %314, %559 = %315, %560 = %316, %561 = %317, %562 = %318, %563 = %319, %564 = %320, %565 = %321, %566 = %322, %567 = %323, %568 = %324, %569 = %325, %570 = %326, %571 = %327, %572 = %328, %573 = %329, %574 = %330, %575 = %331, %576 = %332, %577 = %333, %578 = %334, %579 = %335, %580 = %336, %581 = %337, %582 = %338, %583 = %339, %584 = %340, %585 = %341, %586 = %342, %587 = %343, %588 = %344, %589 = %345, %590 = %346, %591 = %347, %592 = %348, %593 = %349, %594 = %350, %595 = %351, %596 = %352, %597 = %353, %598 = %354, %599 = %355, %600 = %356, %601 = %357, %602 = %358, %603 = %359, %604 = %360, %605 = %361, %606 = %362, %607 = %363, %608 = %364, %609 = %365, %610 = %366, %611 = %367, %612 = %368, %613 = %369, %614 = %370, %615 = %371, %616 = %372, %617 = %373, %618 = %374, %619 = %375, %620 = %376, %621 = %377, %622 = %378, %623 = %379, %624 = %380, %625 = %381, %626 = %382, %627 = %383, %628 = %384, %629 = %385, %630 = %386, %631 = %387, %632 = %388, %633 = %389, %634 = %390, %635 = %391, %636 = %392, %637 = %393, %638 = %394) -> (i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1) {
      qc.gate "h" %3
      qc.gate "h" %7
      qc.gate "h" %11
      qc.gate "h" %15
      qc.gate "h" %19
      qc.gate "h" %28
      qc.gate "h" %32
      qc.gate "h" %36
      qc.gate "h" %40
      qc.gate "h" %44
      qc.gate "h" %49
      qc.gate "h" %53
      qc.gate "h" %57
      qc.gate "h" %61
      qc.gate "h" %65
      qc.gate "h" %74
      qc.gate "h" %78
      qc.gate "h" %82
      qc.gate "h" %86
      qc.gate "h" %90
      qc.gate "h" %95
      qc.gate "h" %99
      qc.gate "h" %103
      qc.gate "h" %107
      qc.gate "h" %111
      qc.gate "h" %120
      qc.gate "h" %124
      qc.gate "h" %128
      qc.gate "h" %132
      qc.gate "h" %136
      qc.gate "h" %141
      qc.gate "h" %145
      qc.gate "h" %149
      qc.gate "h" %153
      qc.gate "h" %157
      qc.gate "h" %166
      qc.gate "h" %170
      qc.gate "h" %174
      qc.gate "h" %178
      qc.gate "h" %182
      qc.gate "h" %187
      qc.gate "h" %191
      qc.gate "h" %195
      qc.gate "h" %199
      qc.gate "h" %203
      qc.gate "h" %212
      qc.gate "h" %216
      qc.gate "h" %220
      qc.gate "h" %224
      qc.gate "h" %228
      qc.gate "h" %233
      qc.gate "h" %237
      qc.gate "h" %241
      qc.gate "h" %245
      qc.gate "h" %249
      qc.gate "h" %258
      qc.gate "h" %262
      qc.gate "h" %266
      qc.gate "h" %270
      qc.gate "h" %274
      qc.gate "cx" %3, %4
      qc.gate "cx" %49, %50
      qc.gate "cx" %95, %96
      qc.gate "cx" %141, %142
      qc.gate "cx" %187, %188
      qc.gate "cx" %233, %234
      qc.gate "cx" %28, %29
      qc.gate "cx" %74, %75
      qc.gate "cx" %120, %121
      qc.gate "cx" %166, %167
      qc.gate "cx" %212, %213
      qc.gate "cx" %7, %8
      qc.gate "cx" %53, %54
      qc.gate "cx" %99, %100
      qc.gate "cx" %145, %146
      qc.gate "cx" %191, %192
      qc.gate "cx" %237, %238
      qc.gate "cx" %32, %33
      qc.gate "cx" %78, %79
      qc.gate "cx" %124, %125
      qc.gate "cx" %170, %171
      qc.gate "cx" %216, %217
      qc.gate "cx" %11, %12
      qc.gate "cx" %57, %58
      qc.gate "cx" %103, %104
      qc.gate "cx" %149, %150
      qc.gate "cx" %195, %196
      qc.gate "cx" %241, %242
      qc.gate "cx" %36, %37
      qc.gate "cx" %82, %83
      qc.gate "cx" %128, %129
      qc.gate "cx" %174, %175
      qc.gate "cx" %220, %221
      qc.gate "cx" %15, %16
      qc.gate "cx" %61, %62
      qc.gate "cx" %107, %108
      qc.gate "cx" %153, %154
      qc.gate "cx" %199, %200
      qc.gate "cx" %245, %246
      qc.gate "cx" %40, %41
      qc.gate "cx" %86, %87
      qc.gate "cx" %132, %133
      qc.gate "cx" %178, %179
      qc.gate "cx" %224, %225
      qc.gate "cx" %19, %20
      qc.gate "cx" %65, %66
      qc.gate "cx" %111, %112
      qc.gate "cx" %157, %158
      qc.gate "cx" %203, %204
      qc.gate "cx" %249, %250
      qc.gate "cx" %44, %45
      qc.gate "cx" %90, %91
      qc.gate "cx" %136, %137
      qc.gate "cx" %182, %183
      qc.gate "cx" %228, %229
      qc.gate "cx" %48, %47
      qc.gate "cx" %94, %93
      qc.gate "cx" %140, %139
      qc.gate "cx" %186, %185
      qc.gate "cx" %232, %231
      qc.gate "cx" %27, %26
      qc.gate "cx" %73, %72
      qc.gate "cx" %119, %118
      qc.gate "cx" %165, %164
      qc.gate "cx" %211, %210
      qc.gate "cx" %52, %51
      qc.gate "cx" %98, %97
      qc.gate "cx" %144, %143
      qc.gate "cx" %190, %189
      qc.gate "cx" %236, %235
      qc.gate "cx" %31, %30
      qc.gate "cx" %77, %76
      qc.gate "cx" %123, %122
      qc.gate "cx" %169, %168
      qc.gate "cx" %215, %214
      qc.gate "cx" %56, %55
      qc.gate "cx" %102, %101
      qc.gate "cx" %148, %147
      qc.gate "cx" %194, %193
      qc.gate "cx" %240, %239
      qc.gate "cx" %35, %34
      qc.gate "cx" %81, %80
      qc.gate "cx" %127, %126
      qc.gate "cx" %173, %172
      qc.gate "cx" %219, %218
      qc.gate "cx" %60, %59
      qc.gate "cx" %106, %105
      qc.gate "cx" %152, %151
      qc.gate "cx" %198, %197
      qc.gate "cx" %244, %243
      qc.gate "cx" %39, %38
      qc.gate "cx" %85, %84
      qc.gate "cx" %131, %130
      qc.gate "cx" %177, %176
      qc.gate "cx" %223, %222
      qc.gate "cx" %64, %63
      qc.gate "cx" %110, %109
      qc.gate "cx" %156, %155
      qc.gate "cx" %202, %201
      qc.gate "cx" %248, %247
      qc.gate "cx" %43, %42
      qc.gate "cx" %89, %88
      qc.gate "cx" %135, %134
      qc.gate "cx" %181, %180
      qc.gate "cx" %227, %226
      qc.gate "cx" %68, %67
      qc.gate "cx" %114, %113
      qc.gate "cx" %160, %159
      qc.gate "cx" %206, %205
      qc.gate "cx" %252, %251
      qc.gate "cx" %3, %2
      qc.gate "cx" %49, %48
      qc.gate "cx" %95, %94
      qc.gate "cx" %141, %140
      qc.gate "cx" %187, %186
      qc.gate "cx" %233, %232
      qc.gate "cx" %28, %27
      qc.gate "cx" %74, %73
      qc.gate "cx" %120, %119
      qc.gate "cx" %166, %165
      qc.gate "cx" %212, %211
      qc.gate "cx" %7, %6
      qc.gate "cx" %53, %52
      qc.gate "cx" %99, %98
      qc.gate "cx" %145, %144
      qc.gate "cx" %191, %190
      qc.gate "cx" %237, %236
      qc.gate "cx" %32, %31
      qc.gate "cx" %78, %77
      qc.gate "cx" %124, %123
      qc.gate "cx" %170, %169
      qc.gate "cx" %216, %215
      qc.gate "cx" %11, %10
      qc.gate "cx" %57, %56
      qc.gate "cx" %103, %102
      qc.gate "cx" %149, %148
      qc.gate "cx" %195, %194
      qc.gate "cx" %241, %240
      qc.gate "cx" %36, %35
      qc.gate "cx" %82, %81
      qc.gate "cx" %128, %127
      qc.gate "cx" %174, %173
      qc.gate "cx" %220, %219
      qc.gate "cx" %15, %14
      qc.gate "cx" %61, %60
      qc.gate "cx" %107, %106
      qc.gate "cx" %153, %152
      qc.gate "cx" %199, %198
      qc.gate "cx" %245, %244
      qc.gate "cx" %40, %39
      qc.gate "cx" %86, %85
      qc.gate "cx" %132, %131
      qc.gate "cx" %178, %177
      qc.gate "cx" %224, %223
      qc.gate "cx" %19, %18
      qc.gate "cx" %65, %64
      qc.gate "cx" %111, %110
      qc.gate "cx" %157, %156
      qc.gate "cx" %203, %202
      qc.gate "cx" %249, %248
      qc.gate "cx" %44, %43
      qc.gate "cx" %90, %89
      qc.gate "cx" %136, %135
      qc.gate "cx" %182, %181
      qc.gate "cx" %228, %227
      qc.gate "cx" %25, %47
      qc.gate "cx" %71, %93
      qc.gate "cx" %117, %139
      qc.gate "cx" %163, %185
      qc.gate "cx" %209, %231
      qc.gate "cx" %4, %26
      qc.gate "cx" %50, %72
      qc.gate "cx" %96, %118
      qc.gate "cx" %142, %164
      qc.gate "cx" %188, %210
      qc.gate "cx" %29, %51
      qc.gate "cx" %75, %97
      qc.gate "cx" %121, %143
      qc.gate "cx" %167, %189
      qc.gate "cx" %213, %235
      qc.gate "cx" %8, %30
      qc.gate "cx" %54, %76
      qc.gate "cx" %100, %122
      qc.gate "cx" %146, %168
      qc.gate "cx" %192, %214
      qc.gate "cx" %33, %55
      qc.gate "cx" %79, %101
      qc.gate "cx" %125, %147
      qc.gate "cx" %171, %193
      qc.gate "cx" %217, %239
      qc.gate "cx" %12, %34
      qc.gate "cx" %58, %80
      qc.gate "cx" %104, %126
      qc.gate "cx" %150, %172
      qc.gate "cx" %196, %218
      qc.gate "cx" %37, %59
      qc.gate "cx" %83, %105
      qc.gate "cx" %129, %151
      qc.gate "cx" %175, %197
      qc.gate "cx" %221, %243
      qc.gate "cx" %16, %38
      qc.gate "cx" %62, %84
      qc.gate "cx" %108, %130
      qc.gate "cx" %154, %176
      qc.gate "cx" %200, %222
      qc.gate "cx" %41, %63
      qc.gate "cx" %87, %109
      qc.gate "cx" %133, %155
      qc.gate "cx" %179, %201
      qc.gate "cx" %225, %247
      qc.gate "cx" %20, %42
      qc.gate "cx" %66, %88
      qc.gate "cx" %112, %134
      qc.gate "cx" %158, %180
      qc.gate "cx" %204, %226
      qc.gate "cx" %45, %67
      qc.gate "cx" %91, %113
      qc.gate "cx" %137, %159
      qc.gate "cx" %183, %205
      qc.gate "cx" %229, %251
      qc.gate "cx" %49, %27
      qc.gate "cx" %95, %73
      qc.gate "cx" %141, %119
      qc.gate "cx" %187, %165
      qc.gate "cx" %233, %211
      qc.gate "cx" %28, %6
      qc.gate "cx" %74, %52
      qc.gate "cx" %120, %98
      qc.gate "cx" %166, %144
      qc.gate "cx" %212, %190
      qc.gate "cx" %258, %236
      qc.gate "cx" %53, %31
      qc.gate "cx" %99, %77
      qc.gate "cx" %145, %123
      qc.gate "cx" %191, %169
      qc.gate "cx" %237, %215
      qc.gate "cx" %32, %10
      qc.gate "cx" %78, %56
      qc.gate "cx" %124, %102
      qc.gate "cx" %170, %148
      qc.gate "cx" %216, %194
      qc.gate "cx" %262, %240
      qc.gate "cx" %57, %35
      qc.gate "cx" %103, %81
      qc.gate "cx" %149, %127
      qc.gate "cx" %195, %173
      qc.gate "cx" %241, %219
      qc.gate "cx" %36, %14
      qc.gate "cx" %82, %60
      qc.gate "cx" %128, %106
      qc.gate "cx" %174, %152
      qc.gate "cx" %220, %198
      qc.gate "cx" %266, %244
      qc.gate "cx" %61, %39
      qc.gate "cx" %107, %85
      qc.gate "cx" %153, %131
      qc.gate "cx" %199, %177
      qc.gate "cx" %245, %223
      qc.gate "cx" %40, %18
      qc.gate "cx" %86, %64
      qc.gate "cx" %132, %110
      qc.gate "cx" %178, %156
      qc.gate "cx" %224, %202
      qc.gate "cx" %270, %248
      qc.gate "cx" %65, %43
      qc.gate "cx" %111, %89
      qc.gate "cx" %157, %135
      qc.gate "cx" %203, %181
      qc.gate "cx" %249, %227
      qc.gate "cx" %44, %22
      qc.gate "cx" %90, %68
      qc.gate "cx" %136, %114
      qc.gate "cx" %182, %160
      qc.gate "cx" %228, %206
      qc.gate "cx" %274, %252
      qc.gate "cx" %25, %26
      qc.gate "cx" %71, %72
      qc.gate "cx" %117, %118
      qc.gate "cx" %163, %164
      qc.gate "cx" %209, %210
      qc.gate "cx" %50, %51
      qc.gate "cx" %96, %97
      qc.gate "cx" %142, %143
      qc.gate "cx" %188, %189
      qc.gate "cx" %234, %235
      qc.gate "cx" %29, %30
      qc.gate "cx" %75, %76
      qc.gate "cx" %121, %122
      qc.gate "cx" %167, %168
      qc.gate "cx" %213, %214
      qc.gate "cx" %54, %55
      qc.gate "cx" %100, %101
      qc.gate "cx" %146, %147
      qc.gate "cx" %192, %193
      qc.gate "cx" %238, %239
      qc.gate "cx" %33, %34
      qc.gate "cx" %79, %80
      qc.gate "cx" %125, %126
      qc.gate "cx" %171, %172
      qc.gate "cx" %217, %218
      qc.gate "cx" %58, %59
      qc.gate "cx" %104, %105
      qc.gate "cx" %150, %151
      qc.gate "cx" %196, %197
      qc.gate "cx" %242, %243
      qc.gate "cx" %37, %38
      qc.gate "cx" %83, %84
      qc.gate "cx" %129, %130
      qc.gate "cx" %175, %176
      qc.gate "cx" %221, %222
      qc.gate "cx" %62, %63
      qc.gate "cx" %108, %109
      qc.gate "cx" %154, %155
      qc.gate "cx" %200, %201
      qc.gate "cx" %246, %247
      qc.gate "cx" %41, %42
      qc.gate "cx" %87, %88
      qc.gate "cx" %133, %134
      qc.gate "cx" %179, %180
      qc.gate "cx" %225, %226
      qc.gate "cx" %66, %67
      qc.gate "cx" %112, %113
      qc.gate "cx" %158, %159
      qc.gate "cx" %204, %205
      qc.gate "cx" %250, %251
      qc.gate "cx" %45, %46
      qc.gate "cx" %91, %92
      qc.gate "cx" %137, %138
      qc.gate "cx" %183, %184
      qc.gate "cx" %229, %230
      qc.gate "cx" %49, %25
      qc.gate "cx" %95, %71
      qc.gate "cx" %141, %117
      qc.gate "cx" %187, %163
      qc.gate "cx" %233, %209
      qc.gate "cx" %28, %4
      qc.gate "cx" %74, %50
      qc.gate "cx" %120, %96
      qc.gate "cx" %166, %142
      qc.gate "cx" %212, %188
      qc.gate "cx" %258, %234
      qc.gate "cx" %53, %29
      qc.gate "cx" %99, %75
      qc.gate "cx" %145, %121
      qc.gate "cx" %191, %167
      qc.gate "cx" %237, %213
      qc.gate "cx" %32, %8
      qc.gate "cx" %78, %54
      qc.gate "cx" %124, %100
      qc.gate "cx" %170, %146
      qc.gate "cx" %216, %192
      qc.gate "cx" %262, %238
      qc.gate "cx" %57, %33
      qc.gate "cx" %103, %79
      qc.gate "cx" %149, %125
      qc.gate "cx" %195, %171
      qc.gate "cx" %241, %217
      qc.gate "cx" %36, %12
      qc.gate "cx" %82, %58
      qc.gate "cx" %128, %104
      qc.gate "cx" %174, %150
      qc.gate "cx" %220, %196
      qc.gate "cx" %266, %242
      qc.gate "cx" %61, %37
      qc.gate "cx" %107, %83
      qc.gate "cx" %153, %129
      qc.gate "cx" %199, %175
      qc.gate "cx" %245, %221
      qc.gate "cx" %40, %16
      qc.gate "cx" %86, %62
      qc.gate "cx" %132, %108
      qc.gate "cx" %178, %154
      qc.gate "cx" %224, %200
      qc.gate "cx" %270, %246
      qc.gate "cx" %65, %41
      qc.gate "cx" %111, %87
      qc.gate "cx" %157, %133
      qc.gate "cx" %203, %179
      qc.gate "cx" %249, %225
      qc.gate "cx" %44, %20
      qc.gate "cx" %90, %66
      qc.gate "cx" %136, %112
      qc.gate "cx" %182, %158
      qc.gate "cx" %228, %204
      qc.gate "cx" %274, %250
      qc.gate "cx" %2, %26
      qc.gate "cx" %48, %72
      qc.gate "cx" %94, %118
      qc.gate "cx" %140, %164
      qc.gate "cx" %186, %210
      qc.gate "cx" %27, %51
      qc.gate "cx" %73, %97
      qc.gate "cx" %119, %143
      qc.gate "cx" %165, %189
      qc.gate "cx" %211, %235
      qc.gate "cx" %6, %30
      qc.gate "cx" %52, %76
      qc.gate "cx" %98, %122
      qc.gate "cx" %144, %168
      qc.gate "cx" %190, %214
      qc.gate "cx" %31, %55
      qc.gate "cx" %77, %101
      qc.gate "cx" %123, %147
      qc.gate "cx" %169, %193
      qc.gate "cx" %215, %239
      qc.gate "cx" %10, %34
      qc.gate "cx" %56, %80
      qc.gate "cx" %102, %126
      qc.gate "cx" %148, %172
      qc.gate "cx" %194, %218
      qc.gate "cx" %35, %59
      qc.gate "cx" %81, %105
      qc.gate "cx" %127, %151
      qc.gate "cx" %173, %197
      qc.gate "cx" %219, %243
      qc.gate "cx" %14, %38
      qc.gate "cx" %60, %84
      qc.gate "cx" %106, %130
      qc.gate "cx" %152, %176
      qc.gate "cx" %198, %222
      qc.gate "cx" %39, %63
      qc.gate "cx" %85, %109
      qc.gate "cx" %131, %155
      qc.gate "cx" %177, %201
      qc.gate "cx" %223, %247
      qc.gate "cx" %18, %42
      qc.gate "cx" %64, %88
      qc.gate "cx" %110, %134
      qc.gate "cx" %156, %180
      qc.gate "cx" %202, %226
      qc.gate "cx" %43, %67
      qc.gate "cx" %89, %113
      qc.gate "cx" %135, %159
      qc.gate "cx" %181, %205
      qc.gate "cx" %227, %251
      qc.gate "cx" %22, %46
      qc.gate "cx" %68, %92
      qc.gate "cx" %114, %138
      qc.gate "cx" %160, %184
      qc.gate "cx" %206, %230
      qc.gate "h" %3
      qc.gate "h" %7
      qc.gate "h" %11
      qc.gate "h" %15
      qc.gate "h" %19
      qc.gate "h" %28
      qc.gate "h" %32
      qc.gate "h" %36
      qc.gate "h" %40
      qc.gate "h" %44
      qc.gate "h" %49
      qc.gate "h" %53
      qc.gate "h" %57
      qc.gate "h" %61
      qc.gate "h" %65
      qc.gate "h" %74
      qc.gate "h" %78
      qc.gate "h" %82
      qc.gate "h" %86
      qc.gate "h" %90
      qc.gate "h" %95
      qc.gate "h" %99
      qc.gate "h" %103
      qc.gate "h" %107
      qc.gate "h" %111
      qc.gate "h" %120
      qc.gate "h" %124
      qc.gate "h" %128
      qc.gate "h" %132
      qc.gate "h" %136
      qc.gate "h" %141
      qc.gate "h" %145
      qc.gate "h" %149
      qc.gate "h" %153
      qc.gate "h" %157
      qc.gate "h" %166
      qc.gate "h" %170
      qc.gate "h" %174
      qc.gate "h" %178
      qc.gate "h" %182
      qc.gate "h" %187
      qc.gate "h" %191
      qc.gate "h" %195
      qc.gate "h" %199
      qc.gate "h" %203
      qc.gate "h" %212
      qc.gate "h" %216
      qc.gate "h" %220
      qc.gate "h" %224
      qc.gate "h" %228
      qc.gate "h" %233
      qc.gate "h" %237
      qc.gate "h" %241
      qc.gate "h" %245
      qc.gate "h" %249
      qc.gate "h" %258
      qc.gate "h" %262
      qc.gate "h" %266
      qc.gate "h" %270
      qc.gate "h" %274
      %639 = qc.measure %3
      qc.reset %3
      %640 = qc.measure %7
      qc.reset %7
      %641 = qc.measure %11
      qc.reset %11
      %642 = qc.measure %15
      qc.reset %15
      %643 = qc.measure %19
      qc.reset %19
      %644 = qc.measure %26
      qc.reset %26
      %645 = qc.measure %28
      qc.reset %28
      %646 = qc.measure %30
      qc.reset %30
      %647 = qc.measure %32
      qc.reset %32
      %648 = qc.measure %34
      qc.reset %34
      %649 = qc.measure %36
      qc.reset %36
      %650 = qc.measure %38
      qc.reset %38
      %651 = qc.measure %40
      qc.reset %40
      %652 = qc.measure %42
      qc.reset %42
      %653 = qc.measure %44
      qc.reset %44
      %654 = qc.measure %46
      qc.reset %46
      %655 = qc.measure %47
      qc.reset %47
      %656 = qc.measure %49
      qc.reset %49
      %657 = qc.measure %51
      qc.reset %51
      %658 = qc.measure %53
      qc.reset %53
      %659 = qc.measure %55
      qc.reset %55
      %660 = qc.measure %57
      qc.reset %57
      %661 = qc.measure %59
      qc.reset %59
      %662 = qc.measure %61
      qc.reset %61
      %663 = qc.measure %63
      qc.reset %63
      %664 = qc.measure %65
      qc.reset %65
      %665 = qc.measure %67
      qc.reset %67
      %666 = qc.measure %72
      qc.reset %72
      %667 = qc.measure %74
      qc.reset %74
      %668 = qc.measure %76
      qc.reset %76
      %669 = qc.measure %78
      qc.reset %78
      %670 = qc.measure %80
      qc.reset %80
      %671 = qc.measure %82
      qc.reset %82
      %672 = qc.measure %84
      qc.reset %84
      %673 = qc.measure %86
      qc.reset %86
      %674 = qc.measure %88
      qc.reset %88
      %675 = qc.measure %90
      qc.reset %90
      %676 = qc.measure %92
      qc.reset %92
      %677 = qc.measure %93
      qc.reset %93
      %678 = qc.measure %95
      qc.reset %95
      %679 = qc.measure %97
      qc.reset %97
      %680 = qc.measure %99
      qc.reset %99
      %681 = qc.measure %101
      qc.reset %101
      %682 = qc.measure %103
      qc.reset %103
      %683 = qc.measure %105
      qc.reset %105
      %684 = qc.measure %107
      qc.reset %107
      %685 = qc.measure %109
      qc.reset %109
      %686 = qc.measure %111
      qc.reset %111
      %687 = qc.measure %113
      qc.reset %113
      %688 = qc.measure %118
      qc.reset %118
      %689 = qc.measure %120
      qc.reset %120
      %690 = qc.measure %122
      qc.reset %122
      %691 = qc.measure %124
      qc.reset %124
      %692 = qc.measure %126
      qc.reset %126
      %693 = qc.measure %128
      qc.reset %128
      %694 = qc.measure %130
      qc.reset %130
      %695 = qc.measure %132
      qc.reset %132
      %696 = qc.measure %134
      qc.reset %134
      %697 = qc.measure %136
      qc.reset %136
      %698 = qc.measure %138
      qc.reset %138
      %699 = qc.measure %139
      qc.reset %139
      %700 = qc.measure %141
      qc.reset %141
      %701 = qc.measure %143
      qc.reset %143
      %702 = qc.measure %145
      qc.reset %145
      %703 = qc.measure %147
      qc.reset %147
      %704 = qc.measure %149
      qc.reset %149
      %705 = qc.measure %151
      qc.reset %151
      %706 = qc.measure %153
      qc.reset %153
      %707 = qc.measure %155
      qc.reset %155
      %708 = qc.measure %157
      qc.reset %157
      %709 = qc.measure %159
      qc.reset %159
      %710 = qc.measure %164
      qc.reset %164
      %711 = qc.measure %166
      qc.reset %166
      %712 = qc.measure %168
      qc.reset %168
      %713 = qc.measure %170
      qc.reset %170
      %714 = qc.measure %172
      qc.reset %172
      %715 = qc.measure %174
      qc.reset %174
      %716 = qc.measure %176
      qc.reset %176
      %717 = qc.measure %178
      qc.reset %178
      %718 = qc.measure %180
      qc.reset %180
      %719 = qc.measure %182
      qc.reset %182
      %720 = qc.measure %184
      qc.reset %184
      %721 = qc.measure %185
      qc.reset %185
      %722 = qc.measure %187
      qc.reset %187
      %723 = qc.measure %189
      qc.reset %189
      %724 = qc.measure %191
      qc.reset %191
      %725 = qc.measure %193
      qc.reset %193
      %726 = qc.measure %195
      qc.reset %195
      %727 = qc.measure %197
      qc.reset %197
      %728 = qc.measure %199
      qc.reset %199
      %729 = qc.measure %201
      qc.reset %201
      %730 = qc.measure %203
      qc.reset %203
      %731 = qc.measure %205
      qc.reset %205
      %732 = qc.measure %210
      qc.reset %210
      %733 = qc.measure %212
      qc.reset %212
      %734 = qc.measure %214
      qc.reset %214
      %735 = qc.measure %216
      qc.reset %216
      %736 = qc.measure %218
      qc.reset %218
      %737 = qc.measure %220
      qc.reset %220
      %738 = qc.measure %222
      qc.reset %222
      %739 = qc.measure %224
      qc.reset %224
      %740 = qc.measure %226
      qc.reset %226
      %741 = qc.measure %228
      qc.reset %228
      %742 = qc.measure %230
      qc.reset %230
      %743 = qc.measure %231
      qc.reset %231
      %744 = qc.measure %233
      qc.reset %233
      %745 = qc.measure %235
      qc.reset %235
      %746 = qc.measure %237
      qc.reset %237
      %747 = qc.measure %239
      qc.reset %239
      %748 = qc.measure %241
      qc.reset %241
      %749 = qc.measure %243
      qc.reset %243
      %750 = qc.measure %245
      qc.reset %245
      %751 = qc.measure %247
      qc.reset %247
      %752 = qc.measure %249
      qc.reset %249
      %753 = qc.measure %251
      qc.reset %251
      %754 = qc.measure %258
      qc.reset %258
      %755 = qc.measure %262
      qc.reset %262
      %756 = qc.measure %266
      qc.reset %266
      %757 = qc.measure %270
      qc.reset %270
      %758 = qc.measure %274
      qc.reset %274
      ckpt.detector [%639, %519] coords [2.0, 0.0, 0.0]
      ckpt.detector [%640, %520] coords [6.0, 0.0, 0.0]
      ckpt.detector [%641, %521] coords [10.0, 0.0, 0.0]
      ckpt.detector [%642, %522] coords [14.0, 0.0, 0.0]
      ckpt.detector [%643, %523] coords [18.0, 0.0, 0.0]
      ckpt.detector [%644, %524] coords [2.0, 2.0, 0.0]
      ckpt.detector [%645, %525] coords [4.0, 2.0, 0.0]
      ckpt.detector [%646, %526] coords [6.0, 2.0, 0.0]
      ckpt.detector [%647, %527] coords [8.0, 2.0, 0.0]
      ckpt.detector [%648, %528] coords [10.0, 2.0, 0.0]
      ckpt.detector [%649, %529] coords [12.0, 2.0, 0.0]
      ckpt.detector [%650, %530] coords [14.0, 2.0, 0.0]
      ckpt.detector [%651, %531] coords [16.0, 2.0, 0.0]
      ckpt.detector [%652, %532] coords [18.0, 2.0, 0.0]
      ckpt.detector [%653, %533] coords [20.0, 2.0, 0.0]
      ckpt.detector [%654, %534] coords [22.0, 2.0, 0.0]
      ckpt.detector [%655, %535] coords [0.0, 4.0, 0.0]
      ckpt.detector [%656, %536] coords [2.0, 4.0, 0.0]
      ckpt.detector [%657, %537] coords [4.0, 4.0, 0.0]
      ckpt.detector [%658, %538] coords [6.0, 4.0, 0.0]
      ckpt.detector [%659, %539] coords [8.0, 4.0, 0.0]
      ckpt.detector [%660, %540] coords [10.0, 4.0, 0.0]
      ckpt.detector [%661, %541] coords [12.0, 4.0, 0.0]
      ckpt.detector [%662, %542] coords [14.0, 4.0, 0.0]
      ckpt.detector [%663, %543] coords [16.0, 4.0, 0.0]
      ckpt.detector [%664, %544] coords [18.0, 4.0, 0.0]
      ckpt.detector [%665, %545] coords [20.0, 4.0, 0.0]
      ckpt.detector [%666, %546] coords [2.0, 6.0, 0.0]
      ckpt.detector [%667, %547] coords [4.0, 6.0, 0.0]
      ckpt.detector [%668, %548] coords [6.0, 6.0, 0.0]
      ckpt.detector [%669, %549] coords [8.0, 6.0, 0.0]
      ckpt.detector [%670, %550] coords [10.0, 6.0, 0.0]
      ckpt.detector [%671, %551] coords [12.0, 6.0, 0.0]
      ckpt.detector [%672, %552] coords [14.0, 6.0, 0.0]
      ckpt.detector [%673, %553] coords [16.0, 6.0, 0.0]
      ckpt.detector [%674, %554] coords [18.0, 6.0, 0.0]
      ckpt.detector [%675, %555] coords [20.0, 6.0, 0.0]
      ckpt.detector [%676, %556] coords [22.0, 6.0, 0.0]
      ckpt.detector [%677, %557] coords [0.0, 8.0, 0.0]
      ckpt.detector [%678, %558] coords [2.0, 8.0, 0.0]
      ckpt.detector [%679, %559] coords [4.0, 8.0, 0.0]
      ckpt.detector [%680, %560] coords [6.0, 8.0, 0.0]
      ckpt.detector [%681, %561] coords [8.0, 8.0, 0.0]
      ckpt.detector [%682, %562] coords [10.0, 8.0, 0.0]
      ckpt.detector [%683, %563] coords [12.0, 8.0, 0.0]
      ckpt.detector [%684, %564] coords [14.0, 8.0, 0.0]
      ckpt.detector [%685, %565] coords [16.0, 8.0, 0.0]
      ckpt.detector [%686, %566] coords [18.0, 8.0, 0.0]
      ckpt.detector [%687, %567] coords [20.0, 8.0, 0.0]
      ckpt.detector [%688, %568] coords [2.0, 10.0, 0.0]
      ckpt.detector [%689, %569] coords [4.0, 10.0, 0.0]
      ckpt.detector [%690, %570] coords [6.0, 10.0, 0.0]
      ckpt.detector [%691, %571] coords [8.0, 10.0, 0.0]
      ckpt.detector [%692, %572] coords [10.0, 10.0, 0.0]
      ckpt.detector [%693, %573] coords [12.0, 10.0, 0.0]
      ckpt.detector [%694, %574] coords [14.0, 10.0, 0.0]
      ckpt.detector [%695, %575] coords [16.0, 10.0, 0.0]
      ckpt.detector [%696, %576] coords [18.0, 10.0, 0.0]
      ckpt.detector [%697, %577] coords [20.0, 10.0, 0.0]
      ckpt.detector [%698, %578] coords [22.0, 10.0, 0.0]
      ckpt.detector [%699, %579] coords [0.0, 12.0, 0.0]
      ckpt.detector [%700, %580] coords [2.0, 12.0, 0.0]
      ckpt.detector [%701, %581] coords [4.0, 12.0, 0.0]
      ckpt.detector [%702, %582] coords [6.0, 12.0, 0.0]
      ckpt.detector [%703, %583] coords [8.0, 12.0, 0.0]
      ckpt.detector [%704, %584] coords [10.0, 12.0, 0.0]
      ckpt.detector [%705, %585] coords [12.0, 12.0, 0.0]
      ckpt.detector [%706, %586] coords [14.0, 12.0, 0.0]
      ckpt.detector [%707, %587] coords [16.0, 12.0, 0.0]
      ckpt.detector [%708, %588] coords [18.0, 12.0, 0.0]
      ckpt.detector [%709, %589] coords [20.0, 12.0, 0.0]
      ckpt.detector [%710, %590] coords [2.0, 14.0, 0.0]
      ckpt.detector [%711, %591] coords [4.0, 14.0, 0.0]
      ckpt.detector [%712, %592] coords [6.0, 14.0, 0.0]
      ckpt.detector [%713, %593] coords [8.0, 14.0, 0.0]
      ckpt.detector [%714, %594] coords [10.0, 14.0, 0.0]
      ckpt.detector [%715, %595] coords [12.0, 14.0, 0.0]
      ckpt.detector [%716, %596] coords [14.0, 14.0, 0.0]
      ckpt.detector [%717, %597] coords [16.0, 14.0, 0.0]
      ckpt.detector [%718, %598] coords [18.0, 14.0, 0.0]
      ckpt.detector [%719, %599] coords [20.0, 14.0, 0.0]
      ckpt.detector [%720, %600] coords [22.0, 14.0, 0.0]
      ckpt.detector [%721, %601] coords [0.0, 16.0, 0.0]
      ckpt.detector [%722, %602] coords [2.0, 16.0, 0.0]
      ckpt.detector [%723, %603] coords [4.0, 16.0, 0.0]
      ckpt.detector [%724, %604] coords [6.0, 16.0, 0.0]
      ckpt.detector [%725, %605] coords [8.0, 16.0, 0.0]
      ckpt.detector [%726, %606] coords [10.0, 16.0, 0.0]
      ckpt.detector [%727, %607] coords [12.0, 16.0, 0.0]
      ckpt.detector [%728, %608] coords [14.0, 16.0, 0.0]
      ckpt.detector [%729, %609] coords [16.0, 16.0, 0.0]
      ckpt.detector [%730, %610] coords [18.0, 16.0, 0.0]
      ckpt.detector [%731, %611] coords [20.0, 16.0, 0.0]
      ckpt.detector [%732, %612] coords [2.0, 18.0, 0.0]
      ckpt.detector [%733, %613] coords [4.0, 18.0, 0.0]
      ckpt.detector [%734, %614] coords [6.0, 18.0, 0.0]
      ckpt.detector [%735, %615] coords [8.0, 18.0, 0.0]
      ckpt.detector [%736, %616] coords [10.0, 18.0, 0.0]
      ckpt.detector [%737, %617] coords [12.0, 18.0, 0.0]
      ckpt.detector [%738, %618] coords [14.0, 18.0, 0.0]
      ckpt.detector [%739, %619] coords [16.0, 18.0, 0.0]
      ckpt.detector [%740, %620] coords [18.0, 18.0, 0.0]
      ckpt.detector [%741, %621] coords [20.0, 18.0, 0.0]
      ckpt.detector [%742, %622] coords [22.0, 18.0, 0.0]
      ckpt.detector [%743, %623] coords [0.0, 20.0, 0.0]
      ckpt.detector [%744, %624] coords [2.0, 20.0, 0.0]
      ckpt.detector [%745, %625] coords [4.0, 20.0, 0.0]
      ckpt.detector [%746, %626] coords [6.0, 20.0, 0.0]
      ckpt.detector [%747, %627] coords [8.0, 20.0, 0.0]
      ckpt.detector [%748, %628] coords [10.0, 20.0, 0.0]
      ckpt.detector [%749, %629] coords [12.0, 20.0, 0.0]
      ckpt.detector [%750, %630] coords [14.0, 20.0, 0.0]
      ckpt.detector [%751, %631] coords [16.0, 20.0, 0.0]
      ckpt.detector [%752, %632] coords [18.0, 20.0, 0.0]
      ckpt.detector [%753, %633] coords [20.0, 20.0, 0.0]
      ckpt.detector [%754, %634] coords [4.0, 22.0, 0.0]
      ckpt.detector [%755, %635] coords [8.0, 22.0, 0.0]
      ckpt.detector [%756, %636] coords [12.0, 22.0, 0.0]
      ckpt.detector [%757, %637] coords [16.0, 22.0, 0.0]
      ckpt.detector [%758, %638] coords [20.0, 22.0, 0.0]
      scf.yield %639, %640, %641, %642, %643, %644, %645, %646, %647, %648, %649, %650, %651, %652, %653, %654, %655, %656, %657, %658, %659, %660, %661, %662, %663, %664, %665, %666, %667, %668, %669, %670, %671, %672, %673, %674, %675, %676, %677, %678, %679, %680, %681, %682, %683, %684, %685, %686, %687, %688, %689, %690, %691, %692, %693, %694, %695, %696, %697, %698, %699, %700, %701, %702, %703, %704, %705, %706, %707, %708, %709, %710, %711, %712, %713, %714, %715, %716, %717, %718, %719, %720, %721, %722, %723, %724, %725, %726, %727, %728, %729, %730, %731, %732, %733, %734, %735, %736, %737, %738, %739, %740, %741, %742, %743, %744, %745, %746, %747, %748, %749, %750, %751, %752, %753, %754, %755, %756, %757, %758 : i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1, i1
    }
    %759 = qc.measure %2
    %760 = qc.measure %4
    %761 = qc.measure %6
    %762 = qc.measure %8
    %763 = qc.measure %10
    %764 = qc.measure %12
    %765 = qc.measure %14
    %766 = qc.measure %16
    %767 = qc.measure %18
    %768 = qc.measure %20
    %769 = qc.measure %22
    %770 = qc.measure %25
    %771 = qc.measure %27
    %772 = qc.measure %29
    %773 = qc.measure %31
    %774 = qc.measure %33
    %775 = qc.measure %35
    %776 = qc.measure %37
    %777 = qc.measure %39
    %778 = qc.measure %41
    %779 = qc.measure %43
    %780 = qc.measure %45
    %781 = qc.measure %48
    %782 = qc.measure %50
    %783 = qc.measure %52
    %784 = qc.measure %54
    %785 = qc.measure %56
    %786 = qc.measure %58
    %787 = qc.measure %60
    %788 = qc.measure %62
    %789 = qc.measure %64
    %790 = qc.measure %66
    %791 = qc.measure %68
    %792 = qc.measure %71
    %793 = qc.measure %73
    %794 = qc.measure %75
    %795 = qc.measure %77
    %796 = qc.measure %79
    %797 = qc.measure %81
    %798 = qc.measure %83
    %799 = qc.measure %85
    %800 = qc.measure %87
    %801 = qc.measure %89
    %802 = qc.measure %91
    %803 = qc.measure %94
    %804 = qc.measure %96
    %805 = qc.measure %98
    %806 = qc.measure %100
    %807 = qc.measure %102
    %808 = qc.measure %104
    %809 = qc.measure %106
    %810 = qc.measure %108
    %811 = qc.measure %110
    %812 = qc.measure %112
    %813 = qc.measure %114
    %814 = qc.measure %117
    %815 = qc.measure %119
    %816 = qc.measure %121
    %817 = qc.measure %123
    %818 = qc.measure %125
    %819 = qc.measure %127
    %820 = qc.measure %129
    %821 = qc.measure %131
    %822 = qc.measure %133
    %823 = qc.measure %135
    %824 = qc.measure %137
    %825 = qc.measure %140
    %826 = qc.measure %142
    %827 = qc.measure %144
    %828 = qc.measure %146
    %829 = qc.measure %148
    %830 = qc.measure %150
    %831 = qc.measure %152
    %832 = qc.measure %154
    %833 = qc.measure %156
    %834 = qc.measure %158
    %835 = qc.measure %160
    %836 = qc.measure %163
    %837 = qc.measure %165
    %838 = qc.measure %167
    %839 = qc.measure %169
    %840 = qc.measure %171
    %841 = qc.measure %173
    %842 = qc.measure %175
    %843 = qc.measure %177
    %844 = qc.measure %179
    %845 = qc.measure %181
    %846 = qc.measure %183
    %847 = qc.measure %186
    %848 = qc.measure %188
    %849 = qc.measure %190
    %850 = qc.measure %192
    %851 = qc.measure %194
    %852 = qc.measure %196
    %853 = qc.measure %198
    %854 = qc.measure %200
    %855 = qc.measure %202
    %856 = qc.measure %204
    %857 = qc.measure %206
    %858 = qc.measure %209
    %859 = qc.measure %211
    %860 = qc.measure %213
    %861 = qc.measure %215
    %862 = qc.measure %217
    %863 = qc.measure %219
    %864 = qc.measure %221
    %865 = qc.measure %223
    %866 = qc.measure %225
    %867 = qc.measure %227
    %868 = qc.measure %229
    %869 = qc.measure %232
    %870 = qc.measure %234
    %871 = qc.measure %236
    %872 = qc.measure %238
    %873 = qc.measure %240
    %874 = qc.measure %242
    %875 = qc.measure %244
    %876 = qc.measure %246
    %877 = qc.measure %248
    %878 = qc.measure %250
    %879 = qc.measure %252
    ckpt.detector [%781, %770, %414] coords [0.0, 4.0, 1.0]
    ckpt.detector [%803, %792, %436] coords [0.0, 8.0, 1.0]
    ckpt.detector [%825, %814, %458] coords [0.0, 12.0, 1.0]
    ckpt.detector [%847, %836, %480] coords [0.0, 16.0, 1.0]
    ckpt.detector [%869, %858, %502] coords [0.0, 20.0, 1.0]
    ckpt.detector [%771, %770, %760, %759, %403] coords [2.0, 2.0, 1.0]
    ckpt.detector [%793, %792, %782, %781, %425] coords [2.0, 6.0, 1.0]
    ckpt.detector [%815, %814, %804, %803, %447] coords [2.0, 10.0, 1.0]
    ckpt.detector [%837, %836, %826, %825, %469] coords [2.0, 14.0, 1.0]
    ckpt.detector [%859, %858, %848, %847, %491] coords [2.0, 18.0, 1.0]
    ckpt.detector [%783, %782, %772, %771, %416] coords [4.0, 4.0, 1.0]
    ckpt.detector [%805, %804, %794, %793, %438] coords [4.0, 8.0, 1.0]
    ckpt.detector [%827, %826, %816, %815, %460] coords [4.0, 12.0, 1.0]
    ckpt.detector [%849, %848, %838, %837, %482] coords [4.0, 16.0, 1.0]
    ckpt.detector [%871, %870, %860, %859, %504] coords [4.0, 20.0, 1.0]
    ckpt.detector [%773, %772, %762, %761, %405] coords [6.0, 2.0, 1.0]
    ckpt.detector [%795, %794, %784, %783, %427] coords [6.0, 6.0, 1.0]
    ckpt.detector [%817, %816, %806, %805, %449] coords [6.0, 10.0, 1.0]
    ckpt.detector [%839, %838, %828, %827, %471] coords [6.0, 14.0, 1.0]
    ckpt.detector [%861, %860, %850, %849, %493] coords [6.0, 18.0, 1.0]
    ckpt.detector [%785, %784, %774, %773, %418] coords [8.0, 4.0, 1.0]
    ckpt.detector [%807, %806, %796, %795, %440] coords [8.0, 8.0, 1.0]
    ckpt.detector [%829, %828, %818, %817, %462] coords [8.0, 12.0, 1.0]
    ckpt.detector [%851, %850, %840, %839, %484] coords [8.0, 16.0, 1.0]
    ckpt.detector [%873, %872, %862, %861, %506] coords [8.0, 20.0, 1.0]
    ckpt.detector [%775, %774, %764, %763, %407] coords [10.0, 2.0, 1.0]
    ckpt.detector [%797, %796, %786, %785, %429] coords [10.0, 6.0, 1.0]
    ckpt.detector [%819, %818, %808, %807, %451] coords [10.0, 10.0, 1.0]
    ckpt.detector [%841, %840, %830, %829, %473] coords [10.0, 14.0, 1.0]
    ckpt.detector [%863, %862, %852, %851, %495] coords [10.0, 18.0, 1.0]
    ckpt.detector [%787, %786, %776, %775, %420] coords [12.0, 4.0, 1.0]
    ckpt.detector [%809, %808, %798, %797, %442] coords [12.0, 8.0, 1.0]
    ckpt.detector [%831, %830, %820, %819, %464] coords [12.0, 12.0, 1.0]
    ckpt.detector [%853, %852, %842, %841, %486] coords [12.0, 16.0, 1.0]
    ckpt.detector [%875, %874, %864, %863, %508] coords [12.0, 20.0, 1.0]
    ckpt.detector [%777, %776, %766, %765, %409] coords [14.0, 2.0, 1.0]
    ckpt.detector [%799, %798, %788, %787, %431] coords [14.0, 6.0, 1.0]
    ckpt.detector [%821, %820, %810, %809, %453] coords [14.0, 10.0, 1.0]
    ckpt.detector [%843, %842, %832, %831, %475] coords [14.0, 14.0, 1.0]
    ckpt.detector [%865, %864, %854, %853, %497] coords [14.0, 18.0, 1.0]
    ckpt.detector [%789, %788, %778, %777, %422] coords [16.0, 4.0, 1.0]
    ckpt.detector [%811, %810, %800, %799, %444] coords [16.0, 8.0, 1.0]
    ckpt.detector [%833, %832, %822, %821, %466] coords [16.0, 12.0, 1.0]
    ckpt.detector [%855, %854, %844, %843, %488] coords [16.0, 16.0, 1.0]
    ckpt.detector [%877, %876, %866, %865, %510] coords [16.0, 20.0, 1.0]
    ckpt.detector [%779, %778, %768, %767, %411] coords [18.0, 2.0, 1.0]
    ckpt.detector [%801, %800, %790, %789, %433] coords [18.0, 6.0, 1.0]
    ckpt.detector [%823, %822, %812, %811, %455] coords [18.0, 10.0, 1.0]
    ckpt.detector [%845, %844, %834, %833, %477] coords [18.0, 14.0, 1.0]
    ckpt.detector [%867, %866, %856, %855, %499] coords [18.0, 18.0, 1.0]
    ckpt.detector [%791, %790, %780, %779, %424] coords [20.0, 4.0, 1.0]
    ckpt.detector [%813, %812, %802, %801, %446] coords [20.0, 8.0, 1.0]
    ckpt.detector [%835, %834, %824, %823, %468] coords [20.0, 12.0, 1.0]
    ckpt.detector [%857, %856, %846, %845, %490] coords [20.0, 16.0, 1.0]
    ckpt.detector [%879, %878, %868, %867, %512] coords [20.0, 20.0, 1.0]
    ckpt.detector [%780, %769, %413] coords [22.0, 2.0, 1.0]
    ckpt.detector [%802, %791, %435] coords [22.0, 6.0, 1.0]
    ckpt.detector [%824, %813, %457] coords [22.0, 10.0, 1.0]
    ckpt.detector [%846, %835, %479] coords [22.0, 14.0, 1.0]
    ckpt.detector [%868, %857, %501] coords [22.0, 18.0, 1.0]
    ckpt.observable 0 [%769, %768, %767, %766, %765, %764, %763, %762, %761, %760, %759]
    %880 = arith.xori %769, %768 : i1
    %881 = arith.xori %880, %767 : i1
    %882 = arith.xori %881, %766 : i1
    %883 = arith.xori %882, %765 : i1
    %884 = arith.xori %883, %764 : i1
    %885 = arith.xori %884, %763 : i1
    %886 = arith.xori %885, %762 : i1
    %887 = arith.xori %886, %761 : i1
    %888 = arith.xori %887, %760 : i1
    %889 = arith.xori %888, %759 : i1
    qc.output "logical" %889 : i1
    func.return
  }
}
