;; WebAssembly SIMD kernels for fully connected layers (see kernels/wasm.ts for how they are used).
;;
;; All three products a Linear layer needs are one operation, C += A·B with A mostly zeros:
;;   forward         y  += x   · Wᵀ     (A = x,   B = Wᵀ, C starts as the bias in every row)
;;   backwardInput   gx  = gy  · W      (A = gy,  B = W,  C starts at zero: spmm's $fresh)
;;   backwardParams  gw += gyᵀ · x      (A = gyᵀ, B = x,  C starts as the old gw, or fresh)
;; ReLU, dropout and MNIST's blank pixels leave most entries of A at zero, and a zero needs no
;; multiply, so we first list A's nonzeros (`pack`), then add value·(row of B) for each one
;; (`spmm`, the "axpy" form). Each row of B is contiguous, so four columns go in one f32x4.
;; When the columns of C come in blocks of 16 (layers of 16·k units), `spmmTiled` reads B
;; straight from W a tile at a time, which saves transposing (forward) or padding (backwardInput)
;; all of W first.
;;
;; Addresses are byte offsets into the exported memory; JavaScript copies the operands in and
;; the result out (kernels/wasm.ts). Matrices are row-major float32.
(module
  (memory (export "memory") 1)

  ;; pack: for each row r of A (rows×cols; element (r,c) at a + r*rowStep + c*colStep bytes),
  ;; writes the pairs (c*bRowBytes : i32, A[r,c] : f32) of its nonzero entries, 8 bytes each,
  ;; from `out` on, in order of c. The columns are cut into panels of `panel` columns (the last
  ;; may be shorter): starts[r*P + q] is where row r's pairs of panel q begin (P panels per row),
  ;; and starts[rows*P] where the last row's end, so panel q of row r ends where the next begins.
  ;; sums[r] receives the row's sum (backwardParams needs Σ gy for the bias gradient).
  ;; Storing c*bRowBytes (not c) saves spmm a multiply: it is the offset of row c of B.
  ;; Branch-free: every entry is written, but `out` only advances past nonzeros, because with
  ;; random dropout masks a branch would be mispredicted half the time. So `out` needs room
  ;; for one pair more than the nonzeros.
  (func (export "pack")
    (param $a i32) (param $rows i32) (param $cols i32) (param $rowStep i32) (param $colStep i32)
    (param $bRowBytes i32) (param $panel i32) (param $out i32) (param $starts i32) (param $sums i32)
    (local $r i32) (local $c i32) (local $p i32) (local $off i32) (local $v f32) (local $s f32)
    (local $sp i32) (local $stop i32)
    (local.set $sp (local.get $starts))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $p (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $rowStep))))
        (local.set $off (i32.const 0))
        (local.set $s (f32.const 0))
        (local.set $c (i32.const 0))
        (block $panelsDone
          (loop $panelLoop
            (br_if $panelsDone (i32.ge_u (local.get $c) (local.get $cols)))
            (i32.store (local.get $sp) (local.get $out))
            (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
            (local.set $stop (i32.add (local.get $c) (local.get $panel)))
            (if (i32.gt_u (local.get $stop) (local.get $cols)) (then (local.set $stop (local.get $cols))))
            (block $colsDone
              (loop $colLoop
                (br_if $colsDone (i32.ge_u (local.get $c) (local.get $stop)))
                (local.set $v (f32.load (local.get $p)))
                (i32.store (local.get $out) (local.get $off))
                (f32.store offset=4 (local.get $out) (local.get $v))
                ;; advance by 8 bytes if v ≠ 0 (NaN counts as nonzero, so it propagates)
                (local.set $out (i32.add (local.get $out)
                  (i32.shl (f32.ne (local.get $v) (f32.const 0)) (i32.const 3))))
                (local.set $s (f32.add (local.get $s) (local.get $v)))
                (local.set $p (i32.add (local.get $p) (local.get $colStep)))
                (local.set $off (i32.add (local.get $off) (local.get $bRowBytes)))
                (local.set $c (i32.add (local.get $c) (i32.const 1)))
                (br $colLoop)))
            (br $panelLoop)))
        (f32.store (i32.add (local.get $sums) (i32.shl (local.get $r) (i32.const 2))) (local.get $s))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowLoop)))
    (i32.store (local.get $sp) (local.get $out)))

  ;; spmm: C[rows×m] += A·B, A given by pack (its offsets already include B's row stride), or
  ;; C = A·B when $fresh is 1 (C's old contents are then never read: a gradient that was just
  ;; zeroed needs neither the zeros written nor read back).
  ;; Cache blocking and register tiling: C is walked in column blocks of 16 floats; the block of
  ;; one row of C lives in four v128 registers while every nonzero of that row of A in one panel
  ;; adds value·B[k, block]. All rows are done for one panel of one block before the next, so the
  ;; piece of B they share (panel rows × 64 bytes: 8 KB for 128 rows) stays in L1. Leftover
  ;; columns go 4 at a time, then 1 at a time.
  ;; Measured (bench/gemm.ts): 16 columns with two nonzeros per loop turn beat 32 columns (eight
  ;; accumulators: V8 then runs out of xmm registers and spills) by ~30%, and 8 or 24 columns;
  ;; four nonzeros per turn were 15% slower. Panels of 128 rows beat no panels by ~15% on
  ;; 1024-wide layers (B then came from L2 instead of L1); 64 and 96 were slower, 192 and 256 equal.
  (func (export "spmm")
    (param $starts i32) (param $rows i32) (param $panels i32) (param $b i32) (param $c i32) (param $m i32)
    (param $fresh i32)
    (local $rowBytes i32) (local $j i32) (local $r i32) (local $cp i32) (local $sp i32)
    (local $p i32) (local $end i32) (local $bp i32) (local $s v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $f f32) (local $bj i32) (local $q i32) (local $pStep i32) (local $init i32)
    (local.set $rowBytes (i32.shl (local.get $m) (i32.const 2)))
    (local.set $pStep (i32.shl (local.get $panels) (i32.const 2)))

    ;; 16 columns (64 bytes) at a time, two nonzeros per turn of the inner loop
    (block $wideDone
      (loop $wideLoop
        (br_if $wideDone (i32.gt_u (i32.add (local.get $j) (i32.const 64)) (local.get $rowBytes)))
        (local.set $bj (i32.add (local.get $b) (local.get $j)))
        (local.set $q (i32.const 0))
        (block $panelsDone (loop $panelLoop
        (br_if $panelsDone (i32.ge_u (local.get $q) (local.get $panels)))
        (local.set $init (i32.and (local.get $fresh) (i32.eqz (local.get $q))))
        (local.set $cp (i32.add (local.get $c) (local.get $j)))
        (local.set $sp (i32.add (local.get $starts) (i32.shl (local.get $q) (i32.const 2))))
        (local.set $r (i32.const 0))
        (block $rowsDone
          (loop $rowLoop
            (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
            (if (local.get $init)
              (then
                (local.set $a0 (v128.const i32x4 0 0 0 0))
                (local.set $a1 (v128.const i32x4 0 0 0 0))
                (local.set $a2 (v128.const i32x4 0 0 0 0))
                (local.set $a3 (v128.const i32x4 0 0 0 0)))
              (else
                (local.set $a0 (v128.load offset=0 (local.get $cp)))
                (local.set $a1 (v128.load offset=16 (local.get $cp)))
                (local.set $a2 (v128.load offset=32 (local.get $cp)))
                (local.set $a3 (v128.load offset=48 (local.get $cp)))))
            (local.set $p (i32.load (local.get $sp)))
            (local.set $end (i32.load offset=4 (local.get $sp)))
            (block $nzDone
              (loop $nzPairs
                (br_if $nzDone (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
                (local.set $bp (i32.add (local.get $bj) (i32.load (local.get $p))))
                (local.set $s (f32x4.splat (f32.load offset=4 (local.get $p))))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (v128.load offset=0 (local.get $bp)))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s) (v128.load offset=16 (local.get $bp)))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $s) (v128.load offset=32 (local.get $bp)))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $s) (v128.load offset=48 (local.get $bp)))))
                (local.set $bp (i32.add (local.get $bj) (i32.load offset=8 (local.get $p))))
                (local.set $s (f32x4.splat (f32.load offset=12 (local.get $p))))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (v128.load offset=0 (local.get $bp)))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s) (v128.load offset=16 (local.get $bp)))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $s) (v128.load offset=32 (local.get $bp)))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $s) (v128.load offset=48 (local.get $bp)))))
                (local.set $p (i32.add (local.get $p) (i32.const 16)))
                (br $nzPairs)))
            (if (i32.lt_u (local.get $p) (local.get $end))
              (then
                (local.set $bp (i32.add (local.get $bj) (i32.load (local.get $p))))
                (local.set $s (f32x4.splat (f32.load offset=4 (local.get $p))))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (v128.load offset=0 (local.get $bp)))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s) (v128.load offset=16 (local.get $bp)))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $s) (v128.load offset=32 (local.get $bp)))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $s) (v128.load offset=48 (local.get $bp)))))))
            (v128.store offset=0 (local.get $cp) (local.get $a0))
            (v128.store offset=16 (local.get $cp) (local.get $a1))
            (v128.store offset=32 (local.get $cp) (local.get $a2))
            (v128.store offset=48 (local.get $cp) (local.get $a3))
            (local.set $cp (i32.add (local.get $cp) (local.get $rowBytes)))
            (local.set $sp (i32.add (local.get $sp) (local.get $pStep)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rowLoop)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $panelLoop)))
        (local.set $j (i32.add (local.get $j) (i32.const 64)))
        (br $wideLoop)))

    ;; 4 columns (16 bytes) at a time
    (block $quadDone
      (loop $quadLoop
        (br_if $quadDone (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $rowBytes)))
        (local.set $q (i32.const 0))
        (block $panelsDone (loop $panelLoop
        (br_if $panelsDone (i32.ge_u (local.get $q) (local.get $panels)))
        (local.set $init (i32.and (local.get $fresh) (i32.eqz (local.get $q))))
        (local.set $cp (i32.add (local.get $c) (local.get $j)))
        (local.set $sp (i32.add (local.get $starts) (i32.shl (local.get $q) (i32.const 2))))
        (local.set $r (i32.const 0))
        (block $rowsDone
          (loop $rowLoop
            (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
            (local.set $a0 (select (v128.const i32x4 0 0 0 0) (v128.load (local.get $cp)) (local.get $init)))
            (local.set $p (i32.load (local.get $sp)))
            (local.set $end (i32.load offset=4 (local.get $sp)))
            (block $nzDone
              (loop $nzLoop
                (br_if $nzDone (i32.ge_u (local.get $p) (local.get $end)))
                (local.set $bp (i32.add (i32.add (local.get $b) (local.get $j)) (i32.load (local.get $p))))
                (local.set $a0 (f32x4.add (local.get $a0)
                  (f32x4.mul (f32x4.splat (f32.load offset=4 (local.get $p))) (v128.load (local.get $bp)))))
                (local.set $p (i32.add (local.get $p) (i32.const 8)))
                (br $nzLoop)))
            (v128.store (local.get $cp) (local.get $a0))
            (local.set $cp (i32.add (local.get $cp) (local.get $rowBytes)))
            (local.set $sp (i32.add (local.get $sp) (local.get $pStep)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rowLoop)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $panelLoop)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $quadLoop)))

    ;; the last m mod 4 columns, one at a time
    (block $oneDone
      (loop $oneLoop
        (br_if $oneDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
        (local.set $q (i32.const 0))
        (block $panelsDone (loop $panelLoop
        (br_if $panelsDone (i32.ge_u (local.get $q) (local.get $panels)))
        (local.set $init (i32.and (local.get $fresh) (i32.eqz (local.get $q))))
        (local.set $cp (i32.add (local.get $c) (local.get $j)))
        (local.set $sp (i32.add (local.get $starts) (i32.shl (local.get $q) (i32.const 2))))
        (local.set $r (i32.const 0))
        (block $rowsDone
          (loop $rowLoop
            (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
            (local.set $f (select (f32.const 0) (f32.load (local.get $cp)) (local.get $init)))
            (local.set $p (i32.load (local.get $sp)))
            (local.set $end (i32.load offset=4 (local.get $sp)))
            (block $nzDone
              (loop $nzLoop
                (br_if $nzDone (i32.ge_u (local.get $p) (local.get $end)))
                (local.set $bp (i32.add (i32.add (local.get $b) (local.get $j)) (i32.load (local.get $p))))
                (local.set $f (f32.add (local.get $f)
                  (f32.mul (f32.load offset=4 (local.get $p)) (f32.load (local.get $bp)))))
                (local.set $p (i32.add (local.get $p) (i32.const 8)))
                (br $nzLoop)))
            (f32.store (local.get $cp) (local.get $f))
            (local.set $cp (i32.add (local.get $cp) (local.get $rowBytes)))
            (local.set $sp (i32.add (local.get $sp) (local.get $pStep)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rowLoop)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $panelLoop)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $oneLoop))))

  ;; spmmTiled: spmm for m a multiple of 16 with B read straight from a weight matrix W, in tiles:
  ;;   $trans = 1: C[rows×m] += A·Wᵀ for W m×k (rows k floats apart): the forward product;
  ;;   $trans = 0: C[rows×m]  = A·W  for W k×m (rows m floats apart): backwardInput ($fresh = 1).
  ;; A is given by pack with bRowBytes = 64 and panels of 128 columns. For each block of 16
  ;; columns of C and panel of 128 rows of B, the 128×16 tile of B is copied (trans 0) or
  ;; transposed (trans 1, transpose's 4×4 shuffle) into `s`, 8 KB of scratch that stays in L1,
  ;; and every row of A then uses it as spmm uses B. Transposing all of W first streamed it
  ;; through memory three times (read W, write Wᵀ, read Wᵀ back) and padding it for strideFor
  ;; twice; tile by tile it is read once, and the contiguous tile has no cache-set conflicts.
  ;; $fresh as in spmm.
  (func (export "spmmTiled")
    (param $starts i32) (param $rows i32) (param $panels i32) (param $w i32) (param $k i32)
    (param $c i32) (param $m i32) (param $s i32) (param $trans i32) (param $fresh i32)
    (local $rowBytes i32) (local $wRow i32) (local $pStep i32) (local $j i32) (local $q i32)
    (local $k0 i32) (local $kn i32) (local $kk i32) (local $i i32) (local $src i32) (local $dst i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local $base i32) (local $r i32) (local $cp i32) (local $sp i32) (local $p i32) (local $end i32)
    (local $bp i32) (local $sv v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $init i32)
    (local.set $rowBytes (i32.shl (local.get $m) (i32.const 2)))
    (local.set $wRow (select (i32.shl (local.get $k) (i32.const 2)) (local.get $rowBytes) (local.get $trans)))
    (local.set $pStep (i32.shl (local.get $panels) (i32.const 2)))
    (block $blocksDone
      (loop $blockLoop
        (br_if $blocksDone (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $m)))
        (local.set $q (i32.const 0))
        (block $panelsDone
          (loop $panelLoop
            (br_if $panelsDone (i32.ge_u (local.get $q) (local.get $panels)))
            (local.set $k0 (i32.shl (local.get $q) (i32.const 7)))
            (local.set $kn (i32.sub (local.get $k) (local.get $k0)))
            (if (i32.gt_u (local.get $kn) (i32.const 128)) (then (local.set $kn (i32.const 128))))
            (if (local.get $trans)
              (then
            ;; the tile: s[kk*16 + i] = W[j+i, k0+kk], four rows of W at a time
            (local.set $i (i32.const 0))
            (block $tileDone
              (loop $tileLoop
                (br_if $tileDone (i32.ge_u (local.get $i) (i32.const 16)))
                (local.set $src (i32.add (local.get $w)
                  (i32.add (i32.mul (i32.add (local.get $j) (local.get $i)) (local.get $wRow)) (i32.shl (local.get $k0) (i32.const 2)))))
                (local.set $dst (i32.add (local.get $s) (i32.shl (local.get $i) (i32.const 2))))
                (local.set $kk (i32.const 0))
                (block $quadsDone
                  (loop $quadLoop
                    (br_if $quadsDone (i32.gt_u (i32.add (local.get $kk) (i32.const 4)) (local.get $kn)))
                    (local.set $x0 (v128.load (local.get $src)))
                    (local.set $x1 (v128.load (i32.add (local.get $src) (local.get $wRow))))
                    (local.set $x2 (v128.load (i32.add (local.get $src) (i32.shl (local.get $wRow) (i32.const 1)))))
                    (local.set $x3 (v128.load (i32.add (local.get $src) (i32.mul (local.get $wRow) (i32.const 3)))))
                    (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $x0) (local.get $x1)))
                    (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $x0) (local.get $x1)))
                    (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $x2) (local.get $x3)))
                    (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $x2) (local.get $x3)))
                    (v128.store offset=0 (local.get $dst)
                      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
                    (v128.store offset=64 (local.get $dst)
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
                    (v128.store offset=128 (local.get $dst)
                      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
                    (v128.store offset=192 (local.get $dst)
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
                    (local.set $src (i32.add (local.get $src) (i32.const 16)))
                    (local.set $dst (i32.add (local.get $dst) (i32.const 256)))
                    (local.set $kk (i32.add (local.get $kk) (i32.const 4)))
                    (br $quadLoop)))
                (block $onesDone
                  (loop $oneLoop
                    (br_if $onesDone (i32.ge_u (local.get $kk) (local.get $kn)))
                    (f32.store offset=0 (local.get $dst) (f32.load (local.get $src)))
                    (f32.store offset=4 (local.get $dst) (f32.load (i32.add (local.get $src) (local.get $wRow))))
                    (f32.store offset=8 (local.get $dst) (f32.load (i32.add (local.get $src) (i32.shl (local.get $wRow) (i32.const 1)))))
                    (f32.store offset=12 (local.get $dst) (f32.load (i32.add (local.get $src) (i32.mul (local.get $wRow) (i32.const 3)))))
                    (local.set $src (i32.add (local.get $src) (i32.const 4)))
                    (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
                    (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
                    (br $oneLoop)))
                (local.set $i (i32.add (local.get $i) (i32.const 4)))
                (br $tileLoop)))
              )
              (else
            ;; the tile: s[kk*16 + i] = W[k0+kk, j+i], 64 bytes a row
            (local.set $src (i32.add (local.get $w)
              (i32.add (i32.mul (local.get $k0) (local.get $wRow)) (i32.shl (local.get $j) (i32.const 2)))))
            (local.set $dst (local.get $s))
            (local.set $kk (i32.const 0))
            (block $copyDone
              (loop $copyLoop
                (br_if $copyDone (i32.ge_u (local.get $kk) (local.get $kn)))
                (v128.store offset=0 (local.get $dst) (v128.load offset=0 (local.get $src)))
                (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $src)))
                (v128.store offset=32 (local.get $dst) (v128.load offset=32 (local.get $src)))
                (v128.store offset=48 (local.get $dst) (v128.load offset=48 (local.get $src)))
                (local.set $src (i32.add (local.get $src) (local.get $wRow)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
                (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
                (br $copyLoop)))
              ))
            ;; pack's offsets are k*64: the tile's row kk is at s + kk*64
            (local.set $init (i32.and (local.get $fresh) (i32.eqz (local.get $q))))
            (local.set $base (i32.sub (local.get $s) (i32.shl (local.get $k0) (i32.const 6))))
            (local.set $cp (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $sp (i32.add (local.get $starts) (i32.shl (local.get $q) (i32.const 2))))
            (local.set $r (i32.const 0))
            (block $rowsDone
              (loop $rowLoop
                (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
                (if (local.get $init)
                  (then
                    (local.set $a0 (v128.const i32x4 0 0 0 0))
                    (local.set $a1 (v128.const i32x4 0 0 0 0))
                    (local.set $a2 (v128.const i32x4 0 0 0 0))
                    (local.set $a3 (v128.const i32x4 0 0 0 0)))
                  (else
                    (local.set $a0 (v128.load offset=0 (local.get $cp)))
                    (local.set $a1 (v128.load offset=16 (local.get $cp)))
                    (local.set $a2 (v128.load offset=32 (local.get $cp)))
                    (local.set $a3 (v128.load offset=48 (local.get $cp)))))
                (local.set $p (i32.load (local.get $sp)))
                (local.set $end (i32.load offset=4 (local.get $sp)))
                (block $nzDone
                  (loop $nzPairs
                    (br_if $nzDone (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
                (local.set $bp (i32.add (local.get $base) (i32.load offset=0 (local.get $p))))
                (local.set $sv (f32x4.splat (f32.load offset=4 (local.get $p))))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $sv) (v128.load offset=0 (local.get $bp)))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $sv) (v128.load offset=16 (local.get $bp)))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $sv) (v128.load offset=32 (local.get $bp)))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $sv) (v128.load offset=48 (local.get $bp)))))
                (local.set $bp (i32.add (local.get $base) (i32.load offset=8 (local.get $p))))
                (local.set $sv (f32x4.splat (f32.load offset=12 (local.get $p))))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $sv) (v128.load offset=0 (local.get $bp)))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $sv) (v128.load offset=16 (local.get $bp)))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $sv) (v128.load offset=32 (local.get $bp)))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $sv) (v128.load offset=48 (local.get $bp)))))
                    (local.set $p (i32.add (local.get $p) (i32.const 16)))
                    (br $nzPairs)))
                (if (i32.lt_u (local.get $p) (local.get $end))
                  (then
                (local.set $bp (i32.add (local.get $base) (i32.load offset=0 (local.get $p))))
                (local.set $sv (f32x4.splat (f32.load offset=4 (local.get $p))))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $sv) (v128.load offset=0 (local.get $bp)))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $sv) (v128.load offset=16 (local.get $bp)))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $sv) (v128.load offset=32 (local.get $bp)))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $sv) (v128.load offset=48 (local.get $bp)))))
                  ))
                (v128.store offset=0 (local.get $cp) (local.get $a0))
                (v128.store offset=16 (local.get $cp) (local.get $a1))
                (v128.store offset=32 (local.get $cp) (local.get $a2))
                (v128.store offset=48 (local.get $cp) (local.get $a3))
                (local.set $cp (i32.add (local.get $cp) (local.get $rowBytes)))
                (local.set $sp (i32.add (local.get $sp) (local.get $pStep)))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br $rowLoop)))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $panelLoop)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $blockLoop))))

  ;; transpose: dst[c, r] = src[r, c] for src rows×cols (contiguous) and dst rows dstRowBytes
  ;; apart. 4×4 blocks: four v128 loads (one per source row), six shuffles, four v128 stores
  ;; (one per destination row). Rows and columns left over when the sizes are not multiples of
  ;; 4 are copied one float at a time.
  (func (export "transpose")
    (param $src i32) (param $rows i32) (param $cols i32) (param $dst i32) (param $dstRowBytes i32)
    (local $r i32) (local $c i32) (local $colBytes i32) (local $sp i32) (local $dp i32)
    (local $rows4 i32) (local $cols4 i32)
    (local $a v128) (local $b v128) (local $x v128) (local $y v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $colBytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $rows4 (i32.and (local.get $rows) (i32.const -4)))
    (local.set $cols4 (i32.and (local.get $cols) (i32.const -4)))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows4)))
        ;; 4×4 blocks of source rows r…r+3
        (local.set $c (i32.const 0))
        (block $blocksDone
          (loop $blockLoop
            (br_if $blocksDone (i32.ge_u (local.get $c) (local.get $cols4)))
            (local.set $sp (i32.add (local.get $src)
              (i32.add (i32.mul (local.get $r) (local.get $colBytes)) (i32.shl (local.get $c) (i32.const 2)))))
            (local.set $a (v128.load (local.get $sp)))
            (local.set $sp (i32.add (local.get $sp) (local.get $colBytes)))
            (local.set $b (v128.load (local.get $sp)))
            (local.set $sp (i32.add (local.get $sp) (local.get $colBytes)))
            (local.set $x (v128.load (local.get $sp)))
            (local.set $sp (i32.add (local.get $sp) (local.get $colBytes)))
            (local.set $y (v128.load (local.get $sp)))
            ;; interleave pairs of rows: t0 = a0 b0 a1 b1, t1 = a2 b2 a3 b3, t2 = x0 y0 x1 y1, t3 = x2 y2 x3 y3
            (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a) (local.get $b)))
            (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a) (local.get $b)))
            (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $x) (local.get $y)))
            (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $x) (local.get $y)))
            ;; then halves: column c is a0 b0 x0 y0 = low half of t0 + low half of t2, and so on
            (local.set $dp (i32.add (local.get $dst)
              (i32.add (i32.mul (local.get $c) (local.get $dstRowBytes)) (i32.shl (local.get $r) (i32.const 2)))))
            (v128.store (local.get $dp)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
            (local.set $dp (i32.add (local.get $dp) (local.get $dstRowBytes)))
            (v128.store (local.get $dp)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
            (local.set $dp (i32.add (local.get $dp) (local.get $dstRowBytes)))
            (v128.store (local.get $dp)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
            (local.set $dp (i32.add (local.get $dp) (local.get $dstRowBytes)))
            (v128.store (local.get $dp)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (br $blockLoop)))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br $rowLoop)))
    ;; leftovers: columns cols4… of rows 0…rows4−1, then every column of rows rows4…
    (call $transposeScalar (local.get $src) (local.get $cols) (local.get $dst) (local.get $dstRowBytes)
      (i32.const 0) (local.get $rows4) (local.get $cols4) (local.get $cols))
    (call $transposeScalar (local.get $src) (local.get $cols) (local.get $dst) (local.get $dstRowBytes)
      (local.get $rows4) (local.get $rows) (i32.const 0) (local.get $cols)))

  ;; transposeScalar: the same, one float at a time, for rows r0…r1−1 and columns c0…c1−1.
  (func $transposeScalar
    (param $src i32) (param $cols i32) (param $dst i32) (param $dstRowBytes i32)
    (param $r0 i32) (param $r1 i32) (param $c0 i32) (param $c1 i32)
    (local $r i32) (local $c i32)
    (local.set $r (local.get $r0))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $r1)))
        (local.set $c (local.get $c0))
        (block $colsDone
          (loop $colLoop
            (br_if $colsDone (i32.ge_u (local.get $c) (local.get $c1)))
            (f32.store
              (i32.add (i32.add (local.get $dst) (i32.mul (local.get $c) (local.get $dstRowBytes))) (i32.shl (local.get $r) (i32.const 2)))
              (f32.load (i32.add (local.get $src) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $cols)) (local.get $c)) (i32.const 2)))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $colLoop)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowLoop))))

  ;; copyRows: copies `rows` rows of rowBytes (a multiple of 4) from src to dst, the rows srcStep
  ;; and dstStep bytes apart. srcStep 0 repeats one row (forward starts C as the bias in every
  ;; row); dstStep > rowBytes pads (a weight matrix given the row stride of strideFor in
  ;; kernels/wasm.ts). In wasm because from JS this is one TypedArray.set per row, which costs
  ;; more than the copying itself when rows are short.
  (func (export "copyRows") (param $dst i32) (param $dstStep i32) (param $src i32) (param $srcStep i32)
    (param $rows i32) (param $rowBytes i32)
    (local $r i32) (local $j i32)
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $j (i32.const 0))
        (block $wideDone
          (loop $copyWide ;; 16 bytes at a time
            (br_if $wideDone (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $rowBytes)))
            (v128.store (i32.add (local.get $dst) (local.get $j)) (v128.load (i32.add (local.get $src) (local.get $j))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $copyWide)))
        (block $done
          (loop $copy ;; then 4
            (br_if $done (i32.ge_u (local.get $j) (local.get $rowBytes)))
            (i32.store (i32.add (local.get $dst) (local.get $j)) (i32.load (i32.add (local.get $src) (local.get $j))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $copy)))
        (local.set $dst (i32.add (local.get $dst) (local.get $dstStep)))
        (local.set $src (i32.add (local.get $src) (local.get $srcStep)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowLoop))))
  ;; tanh: y[i] = tanh(x[i]) for n floats (n a multiple of 4; the caller pads), four at a time.
  ;; The same rational approximation as fastTanh in layers/fast-math.ts (Eigen's float tanh):
  ;; x·P(x²)/Q(x²) on [−7.905, 7.905], clamped outside, where float32 tanh is ±1 anyway.
  ;; Feature maps push tens of thousands of values through tanh per redraw, and one division
  ;; per value dominates the scalar version; f32x4 does four per instruction.
  ;; Coefficients live in locals so they are splatted once, not in every iteration.
  (func (export "tanh") (param $x i32) (param $y i32) (param $n i32)
    (local $end i32) (local $v v128) (local $x2 v128) (local $lo v128) (local $hi v128)
    (local $a13 v128) (local $a11 v128) (local $a9 v128) (local $a7 v128) (local $a5 v128) (local $a3 v128) (local $a1 v128) (local $b6 v128) (local $b4 v128) (local $b2 v128) (local $b0 v128)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $lo (f32x4.splat (f32.const -7.90531110763549805)))
    (local.set $hi (f32x4.splat (f32.const 7.90531110763549805)))
    (local.set $a13 (f32x4.splat (f32.const -2.76076847742355e-16)))
    (local.set $a11 (f32x4.splat (f32.const 2.00018790482477e-13)))
    (local.set $a9 (f32x4.splat (f32.const -8.60467152213735e-11)))
    (local.set $a7 (f32x4.splat (f32.const 5.12229709037114e-8)))
    (local.set $a5 (f32x4.splat (f32.const 1.48572235717979e-5)))
    (local.set $a3 (f32x4.splat (f32.const 6.37261928875436e-4)))
    (local.set $a1 (f32x4.splat (f32.const 4.89352455891786e-3)))
    (local.set $b6 (f32x4.splat (f32.const 1.19825839466702e-6)))
    (local.set $b4 (f32x4.splat (f32.const 1.18534705686654e-4)))
    (local.set $b2 (f32x4.splat (f32.const 2.268434632439e-3)))
    (local.set $b0 (f32x4.splat (f32.const 4.89352518554385e-3)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $v (f32x4.min (f32x4.max (v128.load (local.get $x)) (local.get $lo)) (local.get $hi)))
        (local.set $x2 (f32x4.mul (local.get $v) (local.get $v)))
        (v128.store (local.get $y)
          (f32x4.div
            (f32x4.mul (local.get $v) (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (local.get $a13) (local.get $x2)) (local.get $a11)) (local.get $x2)) (local.get $a9)) (local.get $x2)) (local.get $a7)) (local.get $x2)) (local.get $a5)) (local.get $x2)) (local.get $a3)) (local.get $x2)) (local.get $a1)))
            (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (local.get $b6) (local.get $x2)) (local.get $b4)) (local.get $x2)) (local.get $b2)) (local.get $x2)) (local.get $b0))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (br $next))))
  ;; momentum: one step of SGD with momentum (torch.optim.SGD, dampening 0, not Nesterov) over n
  ;; floats (n a multiple of 4; the caller pads), four at a time:
  ;;   v ← momentum·v + g + weightDecay·w;   w ← w − lr·v
  ;; The optimiser visits every weight after every mini-batch; in JS each value goes through a
  ;; float64 round trip, here four go through one f32x4 operation.
  (func (export "momentum") (param $w i32) (param $g i32) (param $v i32) (param $n i32)
    (param $lr f32) (param $momentum f32) (param $decay f32)
    (local $end i32) (local $vi v128) (local $wi v128) (local $lrs v128) (local $ms v128) (local $ds v128)
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $lrs (f32x4.splat (local.get $lr)))
    (local.set $ms (f32x4.splat (local.get $momentum)))
    (local.set $ds (f32x4.splat (local.get $decay)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $wi (v128.load (local.get $w)))
        (local.set $vi (f32x4.add
          (f32x4.add (f32x4.mul (local.get $ms) (v128.load (local.get $v))) (v128.load (local.get $g)))
          (f32x4.mul (local.get $ds) (local.get $wi))))
        ;; a velocity below 2^-100 in size becomes 0, before it can reach the subnormal range and its
        ;; slow path (VELOCITY_FLOOR in kernels/types.ts); NaN compares false and is kept
        (local.set $vi (v128.andnot (local.get $vi)
          (f32x4.lt (f32x4.abs (local.get $vi)) (f32x4.splat (f32.const 0x1p-100)))))
        (v128.store (local.get $v) (local.get $vi))
        (v128.store (local.get $w) (f32x4.sub (local.get $wi) (f32x4.mul (local.get $lrs) (local.get $vi))))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $v (i32.add (local.get $v) (i32.const 16)))
        (br $next))))
  ;; dropout: training-mode dropout of n floats, exactly what layers/dropout.ts computes in JS:
  ;; for each element a 32-bit draw u of xoshiro128** (state: four i32 at $state, read and written
  ;; back), keep k = (u ≥ limit) as a byte in $mask, and y = f32((f64(x)·scale)·k + 0), the same
  ;; double arithmetic and rounding as the JS loop. u ≥ limit is compared as (u − 2³¹) ≥ $shifted in
  ;; signed 32 bits, as in Random.fillKeepMask. A network's dropout draws one number per activation,
  ;; and JS pays a float64 round trip and bounds checks for each; here the state stays in registers.
  (func (export "dropout") (param $x i32) (param $y i32) (param $mask i32) (param $n i32)
    (param $state i32) (param $shifted i32) (param $scale f64)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $t i32) (local $k i32) (local $end i32)
    (local $sc v128)
    (local.set $a (i32.load offset=0 (local.get $state)))
    (local.set $b (i32.load offset=4 (local.get $state)))
    (local.set $c (i32.load offset=8 (local.get $state)))
    (local.set $d (i32.load offset=12 (local.get $state)))
    (local.set $end (i32.add (local.get $mask) (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $mask) (local.get $end)))
        ;; result = rotl(b·5, 7)·9; keep when result − 2³¹ ≥ shifted (signed)
        (local.set $k (i32.ge_s
          (i32.xor (i32.mul (i32.rotl (i32.mul (local.get $b) (i32.const 5)) (i32.const 7)) (i32.const 9))
            (i32.const 0x80000000))
          (local.get $shifted)))
        (local.set $t (i32.shl (local.get $b) (i32.const 9)))
        (local.set $c (i32.xor (local.get $c) (local.get $a)))
        (local.set $d (i32.xor (local.get $d) (local.get $b)))
        (local.set $b (i32.xor (local.get $b) (local.get $c)))
        (local.set $a (i32.xor (local.get $a) (local.get $d)))
        (local.set $c (i32.xor (local.get $c) (local.get $t)))
        (local.set $d (i32.rotl (local.get $d) (i32.const 11)))
        (i32.store8 (local.get $mask) (local.get $k))
        (local.set $mask (i32.add (local.get $mask) (i32.const 1)))
        (br $next)))
    (i32.store offset=0 (local.get $state) (local.get $a))
    (i32.store offset=4 (local.get $state) (local.get $b))
    (i32.store offset=8 (local.get $state) (local.get $c))
    (i32.store offset=12 (local.get $state) (local.get $d))
    ;; then y from x and the mask, two values per f64x2 (the same double arithmetic as one by one):
    ;; the draws above are one long dependency chain, this part is not
    (local.set $mask (i32.sub (local.get $mask) (local.get $n)))
    (local.set $sc (f64x2.splat (local.get $scale)))
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.gt_u (i32.add (local.get $mask) (i32.const 2)) (local.get $end)))
        (v128.store64_lane 0 (local.get $y) (f32x4.demote_f64x2_zero (f64x2.add
          (f64x2.mul
            (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $x))) (local.get $sc))
            (f64x2.convert_low_i32x4_u (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u
              (v128.load16_splat (local.get $mask))))))
          (v128.const f64x2 0 0))))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (local.set $y (i32.add (local.get $y) (i32.const 8)))
        (local.set $mask (i32.add (local.get $mask) (i32.const 2)))
        (br $pairs)))
    (if (i32.lt_u (local.get $mask) (local.get $end))
      (then
        (f32.store (local.get $y) (f32.demote_f64 (f64.add
          (f64.mul (f64.mul (f64.promote_f32 (f32.load (local.get $x))) (local.get $scale))
            (f64.convert_i32_u (i32.load8_u (local.get $mask))))
          (f64.const 0)))))))

  ;; dropoutBack: gx = g·c where the mask kept the unit, exactly 0 where it dropped it (even for a NaN
  ;; or infinite g), with the JS layer's rounding: f32(f64(g)·c), then the bits AND all-ones or zero.
  (func (export "dropoutBack") (param $g i32) (param $gx i32) (param $mask i32) (param $n i32) (param $c f64)
    (local $end i32)
    (local.set $end (i32.add (local.get $mask) (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $mask) (local.get $end)))
        (i32.store (local.get $gx) (i32.and
          (i32.reinterpret_f32 (f32.demote_f64 (f64.mul (f64.promote_f32 (f32.load (local.get $g))) (local.get $c))))
          (i32.sub (i32.const 0) (i32.load8_u (local.get $mask)))))
        (local.set $g (i32.add (local.get $g) (i32.const 4)))
        (local.set $gx (i32.add (local.get $gx) (i32.const 4)))
        (local.set $mask (i32.add (local.get $mask) (i32.const 1)))
        (br $next))))
;; relu: y = max(0, x) for n floats (n a multiple of 4; the caller pads), exactly the bits of
  ;; the JS layer (layers/relu.ts): every value whose sign bit is set becomes +0, the rest pass
  ;; unchanged, four at a time with no comparison (v AND NOT (v >> 31), arithmetic shift).
  (func (export "relu") (param $x i32) (param $y i32) (param $n i32)
    (local $end i32) (local $v v128)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $v (v128.load (local.get $x)))
        (v128.store (local.get $y) (v128.andnot (local.get $v) (i32x4.shr_s (local.get $v) (i32.const 31))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (br $next))))

  ;; reluBack: gx = g where y > 0, else +0 (y ≥ 0 is the forward's output), as the JS layer:
  ;; (−y) >> 31 is all ones exactly when y > 0. n a multiple of 4, like relu.
  (func (export "reluBack") (param $g i32) (param $y i32) (param $gx i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $g) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $g) (local.get $end)))
        (v128.store (local.get $gx) (v128.and (v128.load (local.get $g))
          (i32x4.shr_s (i32x4.neg (v128.load (local.get $y))) (i32.const 31))))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $gx (i32.add (local.get $gx) (i32.const 16)))
        (br $next))))
;; adam: one Adam step over n floats (n even; the caller does an odd last one), two at a time in
  ;; float64, exactly the JS loop of optim/adam.ts: every value promoted to f64, the same
  ;; operations in the same order (wasm, like JS, never fuses a multiply and an add), and m, v and
  ;; w rounded to f32 on the store. So both give the same bits; f64x2 halves the divisions and
  ;; square roots, which dominate, and the loop has no bounds checks.
  (func (export "adam") (param $w i32) (param $g i32) (param $m i32) (param $v i32) (param $n i32)
    (param $b1 f64) (param $b2 f64) (param $decay f64) (param $stepSize f64) (param $sqrtBc2 f64) (param $eps f64)
    (local $end i32) (local $wi v128) (local $gi v128) (local $mi v128) (local $vi v128)
    (local $b1s v128) (local $c1s v128) (local $b2s v128) (local $c2s v128) (local $ds v128)
    (local $ss v128) (local $bcs v128) (local $es v128)
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $b1s (f64x2.splat (local.get $b1)))
    (local.set $c1s (f64x2.splat (f64.sub (f64.const 1) (local.get $b1))))
    (local.set $b2s (f64x2.splat (local.get $b2)))
    (local.set $c2s (f64x2.splat (f64.sub (f64.const 1) (local.get $b2))))
    (local.set $ds (f64x2.splat (local.get $decay)))
    (local.set $ss (f64x2.splat (local.get $stepSize)))
    (local.set $bcs (f64x2.splat (local.get $sqrtBc2)))
    (local.set $es (f64x2.splat (local.get $eps)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $wi (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $w))))
        ;; g = grad + decay·w
        (local.set $gi (f64x2.add (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $g)))
          (f64x2.mul (local.get $ds) (local.get $wi))))
        ;; m = b1·m + (1 − b1)·g;  v = b2·v + ((1 − b2)·g)·g
        (local.set $mi (f64x2.add (f64x2.mul (local.get $b1s) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $m))))
          (f64x2.mul (local.get $c1s) (local.get $gi))))
        ;; an m below 2^-100 in size becomes 0, as SGD's velocity (VELOCITY_FLOOR in kernels/types.ts)
        (local.set $mi (v128.andnot (local.get $mi)
          (f64x2.lt (f64x2.abs (local.get $mi)) (f64x2.splat (f64.const 0x1p-100)))))
        (local.set $vi (f64x2.add (f64x2.mul (local.get $b2s) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $v))))
          (f64x2.mul (f64x2.mul (local.get $c2s) (local.get $gi)) (local.get $gi))))
        (v128.store64_lane 0 (local.get $m) (f32x4.demote_f64x2_zero (local.get $mi)))
        (v128.store64_lane 0 (local.get $v) (f32x4.demote_f64x2_zero (local.get $vi)))
        ;; w = w − (stepSize·m) / (√v / √(1 − b2ᵗ) + eps), with the unrounded m and v
        (v128.store64_lane 0 (local.get $w) (f32x4.demote_f64x2_zero (f64x2.sub (local.get $wi)
          (f64x2.div (f64x2.mul (local.get $ss) (local.get $mi))
            (f64x2.add (f64x2.div (f64x2.sqrt (local.get $vi)) (local.get $bcs)) (local.get $es))))))
        (local.set $w (i32.add (local.get $w) (i32.const 8)))
        (local.set $g (i32.add (local.get $g) (i32.const 8)))
        (local.set $m (i32.add (local.get $m) (i32.const 8)))
        (local.set $v (i32.add (local.get $v) (i32.const 8)))
        (br $next))))
)
