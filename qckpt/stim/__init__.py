"""A stim target: Clifford dynamic programs lowered to stim circuits.

``lower`` turns ``qc`` + ``scf`` + ``arith`` IR into a :class:`StimProgram`
(a stim circuit plus how to compute each output record from its measurement
record); ``sampling`` samples it and writes records exactly as the QIR
programs print them on qir-runner; ``noise`` is the simulation option
``--noise``; ``memory`` writes stim's generated QEC memory circuits as
OpenQASM 3. See ``docs/stim.md``.
"""
