"""`python -m biometry.synth OUT_DIR N [--seed S] [--image-share F]`: write a synthetic corpus."""

from __future__ import annotations

import argparse
from pathlib import Path

from biometry.synth.corpus import make_corpus


def main(argv: list[str] | None = None) -> int:
    """Write the corpus and print how many reports were written."""
    parser = argparse.ArgumentParser(prog="python -m biometry.synth", description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--image-share", type=float, default=0.2)
    args = parser.parse_args(argv)
    paths = make_corpus(args.out_dir, args.n, seed=args.seed, image_share=args.image_share)
    print(f"wrote {len(paths)} reports with truth to {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
