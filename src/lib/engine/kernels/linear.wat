;; WebAssembly SIMD kernels for fully connected layers (see kernels/wasm.ts for how they are used).
;;
;; All three products a Linear layer needs are one operation, C += A·B with A mostly zeros:
;;   forward         y  += x   · Wᵀ     (A = x,   B = Wᵀ, C starts as the bias in every row)
;;   backwardInput   gx += gy  · W      (A = gy,  B = W,  C starts at zero)
;;   backwardParams  gw += gyᵀ · x      (A = gyᵀ, B = x,  C starts as the old gw)
;; ReLU, dropout and MNIST's blank pixels leave most entries of A at zero, and a zero needs no
;; multiply, so we first list A's nonzeros (`pack`), then add value·(row of B) for each one
;; (`spmm`, the "axpy" form). Each row of B is contiguous, so four columns go in one f32x4.
;;
;; Addresses are byte offsets into the exported memory; JavaScript copies the operands in and
;; the result out (kernels/wasm.ts). Matrices are row-major float32.
(module
  (memory (export "memory") 1)

  ;; pack: for each row r of A (rows×cols; element (r,c) at a + r*rowStep + c*colStep bytes),
  ;; writes the pairs (c*bRowBytes : i32, A[r,c] : f32) of its nonzero entries, 8 bytes each,
  ;; from `out` on. starts[r] is where row r's pairs begin and starts[rows] where the last ends;
  ;; sums[r] receives the row's sum (backwardParams needs Σ gy for the bias gradient).
  ;; Storing c*bRowBytes (not c) saves spmm a multiply: it is the offset of row c of B.
  ;; Branch-free: every entry is written, but `out` only advances past nonzeros, because with
  ;; random dropout masks a branch would be mispredicted half the time. So `out` needs room
  ;; for one pair more than the nonzeros.
  (func (export "pack")
    (param $a i32) (param $rows i32) (param $cols i32) (param $rowStep i32) (param $colStep i32)
    (param $bRowBytes i32) (param $out i32) (param $starts i32) (param $sums i32)
    (local $r i32) (local $c i32) (local $p i32) (local $off i32) (local $v f32) (local $s f32)
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        (i32.store (i32.add (local.get $starts) (i32.shl (local.get $r) (i32.const 2))) (local.get $out))
        (local.set $p (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $rowStep))))
        (local.set $off (i32.const 0))
        (local.set $s (f32.const 0))
        (local.set $c (i32.const 0))
        (block $colsDone
          (loop $colLoop
            (br_if $colsDone (i32.ge_u (local.get $c) (local.get $cols)))
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
        (f32.store (i32.add (local.get $sums) (i32.shl (local.get $r) (i32.const 2))) (local.get $s))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowLoop)))
    (i32.store (i32.add (local.get $starts) (i32.shl (local.get $rows) (i32.const 2))) (local.get $out)))

  ;; spmm: C[rows×m] += A·B, A given by pack (its offsets already include B's row stride).
  ;; Cache blocking and register tiling: C is walked in column blocks of 32 floats; the block of
  ;; one row of C lives in eight v128 registers while every nonzero of that row of A adds
  ;; value·B[k, block]. All rows are done for one block before the next, so the block of B they
  ;; share (p rows × 128 bytes) stays in cache. Leftover columns go 4 at a time, then 1 at a time.
  (func (export "spmm")
    (param $starts i32) (param $rows i32) (param $b i32) (param $c i32) (param $m i32)
    (local $rowBytes i32) (local $j i32) (local $r i32) (local $cp i32) (local $sp i32)
    (local $p i32) (local $end i32) (local $bp i32) (local $s v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local $f f32)
    (local.set $rowBytes (i32.shl (local.get $m) (i32.const 2)))

    ;; 32 columns (128 bytes) at a time
    (block $wideDone
      (loop $wideLoop
        (br_if $wideDone (i32.gt_u (i32.add (local.get $j) (i32.const 128)) (local.get $rowBytes)))
        (local.set $cp (i32.add (local.get $c) (local.get $j)))
        (local.set $sp (local.get $starts))
        (local.set $r (i32.const 0))
        (block $rowsDone
          (loop $rowLoop
            (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
            (local.set $a0 (v128.load offset=0 (local.get $cp)))
            (local.set $a1 (v128.load offset=16 (local.get $cp)))
            (local.set $a2 (v128.load offset=32 (local.get $cp)))
            (local.set $a3 (v128.load offset=48 (local.get $cp)))
            (local.set $a4 (v128.load offset=64 (local.get $cp)))
            (local.set $a5 (v128.load offset=80 (local.get $cp)))
            (local.set $a6 (v128.load offset=96 (local.get $cp)))
            (local.set $a7 (v128.load offset=112 (local.get $cp)))
            (local.set $p (i32.load (local.get $sp)))
            (local.set $end (i32.load offset=4 (local.get $sp)))
            (block $nzDone
              (loop $nzLoop
                (br_if $nzDone (i32.ge_u (local.get $p) (local.get $end)))
                (local.set $bp (i32.add (i32.add (local.get $b) (local.get $j)) (i32.load (local.get $p))))
                (local.set $s (f32x4.splat (f32.load offset=4 (local.get $p))))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (v128.load offset=0 (local.get $bp)))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s) (v128.load offset=16 (local.get $bp)))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $s) (v128.load offset=32 (local.get $bp)))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $s) (v128.load offset=48 (local.get $bp)))))
                (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (local.get $s) (v128.load offset=64 (local.get $bp)))))
                (local.set $a5 (f32x4.add (local.get $a5) (f32x4.mul (local.get $s) (v128.load offset=80 (local.get $bp)))))
                (local.set $a6 (f32x4.add (local.get $a6) (f32x4.mul (local.get $s) (v128.load offset=96 (local.get $bp)))))
                (local.set $a7 (f32x4.add (local.get $a7) (f32x4.mul (local.get $s) (v128.load offset=112 (local.get $bp)))))
                (local.set $p (i32.add (local.get $p) (i32.const 8)))
                (br $nzLoop)))
            (v128.store offset=0 (local.get $cp) (local.get $a0))
            (v128.store offset=16 (local.get $cp) (local.get $a1))
            (v128.store offset=32 (local.get $cp) (local.get $a2))
            (v128.store offset=48 (local.get $cp) (local.get $a3))
            (v128.store offset=64 (local.get $cp) (local.get $a4))
            (v128.store offset=80 (local.get $cp) (local.get $a5))
            (v128.store offset=96 (local.get $cp) (local.get $a6))
            (v128.store offset=112 (local.get $cp) (local.get $a7))
            (local.set $cp (i32.add (local.get $cp) (local.get $rowBytes)))
            (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rowLoop)))
        (local.set $j (i32.add (local.get $j) (i32.const 128)))
        (br $wideLoop)))

    ;; 4 columns (16 bytes) at a time
    (block $quadDone
      (loop $quadLoop
        (br_if $quadDone (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $rowBytes)))
        (local.set $cp (i32.add (local.get $c) (local.get $j)))
        (local.set $sp (local.get $starts))
        (local.set $r (i32.const 0))
        (block $rowsDone
          (loop $rowLoop
            (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
            (local.set $a0 (v128.load (local.get $cp)))
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
            (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rowLoop)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $quadLoop)))

    ;; the last m mod 4 columns, one at a time
    (block $oneDone
      (loop $oneLoop
        (br_if $oneDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
        (local.set $cp (i32.add (local.get $c) (local.get $j)))
        (local.set $sp (local.get $starts))
        (local.set $r (i32.const 0))
        (block $rowsDone
          (loop $rowLoop
            (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
            (local.set $f (f32.load (local.get $cp)))
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
            (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rowLoop)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $oneLoop))))

  ;; transpose: dst[c, r] = src[r, c] for src rows×cols (contiguous) and dst rows dstRowBytes
  ;; apart. Eight source rows at a time, so the reads stream through eight cache lines and each
  ;; write fills 32 consecutive bytes of a destination row.
  (func (export "transpose")
    (param $src i32) (param $rows i32) (param $cols i32) (param $dst i32) (param $dstRowBytes i32)
    (local $r0 i32) (local $rEnd i32) (local $r i32) (local $c i32) (local $colBytes i32)
    (local $sp i32) (local $dp i32)
    (local.set $colBytes (i32.shl (local.get $cols) (i32.const 2)))
    (block $blocksDone
      (loop $blockLoop
        (br_if $blocksDone (i32.ge_u (local.get $r0) (local.get $rows)))
        (local.set $rEnd (select (i32.add (local.get $r0) (i32.const 8)) (local.get $rows)
          (i32.lt_u (i32.add (local.get $r0) (i32.const 8)) (local.get $rows))))
        (local.set $c (i32.const 0))
        (block $colsDone
          (loop $colLoop
            (br_if $colsDone (i32.ge_u (local.get $c) (local.get $cols)))
            (local.set $sp (i32.add (local.get $src)
              (i32.shl (i32.add (i32.mul (local.get $r0) (local.get $cols)) (local.get $c)) (i32.const 2))))
            (local.set $dp (i32.add (i32.add (local.get $dst) (i32.mul (local.get $c) (local.get $dstRowBytes)))
              (i32.shl (local.get $r0) (i32.const 2))))
            (local.set $r (local.get $r0))
            (block $rDone
              (loop $rLoop
                (br_if $rDone (i32.ge_u (local.get $r) (local.get $rEnd)))
                (f32.store (local.get $dp) (f32.load (local.get $sp)))
                (local.set $sp (i32.add (local.get $sp) (local.get $colBytes)))
                (local.set $dp (i32.add (local.get $dp) (i32.const 4)))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br $rLoop)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $colLoop)))
        (local.set $r0 (i32.add (local.get $r0) (i32.const 8)))
        (br $blockLoop))))

  ;; fillRows: copies the row at src (rowBytes long, a multiple of 4) into `rows` rows from dst
  ;; on (forward starts C as the bias in every row). In wasm because from JS this is one
  ;; TypedArray.set per row, which costs more than the copying itself when rows are short.
  (func (export "fillRows") (param $dst i32) (param $src i32) (param $rows i32) (param $rowBytes i32)
    (local $r i32) (local $j i32)
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $j (i32.const 0))
        (block $done
          (loop $copy
            (br_if $done (i32.ge_u (local.get $j) (local.get $rowBytes)))
            (i32.store (i32.add (local.get $dst) (local.get $j)) (i32.load (i32.add (local.get $src) (local.get $j))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $copy)))
        (local.set $dst (i32.add (local.get $dst) (local.get $rowBytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowLoop)))))
