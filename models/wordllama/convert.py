#!/usr/bin/env python3
"""Writes exobot's copy of the WordLlama l2_supercat model: the token embeddings cut to their
first DIMS dimensions (the model was trained so that a prefix is itself an embedding) and stored
as one signed byte per value with a scale per token, and the tokenizer without indentation.

Usage: convert.py SITE_PACKAGES_WORDLLAMA_DIR   (from `pip install wordllama==0.4.0.post1`)

embeddings.bin: b"EXOEMB01", u32 tokens, u32 dims (little endian), then per token an f32
scale, then per token `dims` i8 values; a value is i8 * scale.
"""
import json, struct, sys
from pathlib import Path
import numpy as np
from safetensors.numpy import load_file

DIMS = 128
src = Path(sys.argv[1])
out = Path(__file__).parent
weights = next(iter(load_file(src / "weights/l2_supercat_256.safetensors").values()))
m = weights[:, :DIMS].astype(np.float32)
scale = np.abs(m).max(axis=1) / 127.0
scale[scale == 0] = 1.0
q = np.clip(np.round(m / scale[:, None]), -127, 127).astype(np.int8)
with open(out / "embeddings.bin", "wb") as f:
    f.write(b"EXOEMB01")
    f.write(struct.pack("<II", *q.shape))
    f.write(scale.astype("<f4").tobytes())
    f.write(q.tobytes())
tokenizer = json.loads((src / "tokenizers/l2_supercat_tokenizer_config.json").read_text())
(out / "tokenizer.json").write_text(json.dumps(tokenizer, separators=(",", ":"), ensure_ascii=False))
