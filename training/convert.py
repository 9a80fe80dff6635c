"""HF model directory -> GGUF with llama.cpp's own converter (`convert_hf_to_gguf.py`); run as
`python -m training.convert MERGED OUT.gguf --converter PATH [--outtype f16] [--pre-tokenizer qwen2]`.

`--pre-tokenizer` names the pre-tokenizer for a tokenizer the converter cannot recognise by its hash: the tiny test
tokenizer has Qwen2's split rules with its own vocabulary. A real Qwen2.5 tokenizer is recognised without it.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

DEFAULT_CONVERTER = Path(__file__).resolve().parents[1] / ".venv-train" / "llama.cpp" / "convert_hf_to_gguf.py"


def converter_path() -> Path:
    """$LLAMA_CPP_CONVERTER, else the copy scripts/setup_train.sh takes from the llama-cpp-python sdist."""
    return Path(os.environ.get("LLAMA_CPP_CONVERTER", DEFAULT_CONVERTER))


def load_converter(path: Path) -> ModuleType:
    """The converter as a module, with the gguf-py that ships beside it first on the path."""
    sys.path[:0] = [str(path.parent), str(path.parent / "gguf-py")]  # its `conversion` package and its gguf
    spec = importlib.util.spec_from_file_location("convert_hf_to_gguf", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"no llama.cpp converter at {path}: run scripts/setup_train.sh")
    module = importlib.util.module_from_spec(spec)
    sys.modules["convert_hf_to_gguf"] = module
    spec.loader.exec_module(module)
    return module


def name_pre_tokenizer(name: str) -> None:
    """Every model class of the converter answers `name` when asked which pre-tokenizer a tokenizer uses."""
    modules = [m for key, m in list(sys.modules.items()) if key.split(".")[0] in ("convert_hf_to_gguf", "conversion")]
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, type) and "get_vocab_base_pre" in vars(value):
                value.get_vocab_base_pre = lambda self, tokenizer: name  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model_dir", type=Path)
    parser.add_argument("outfile", type=Path)
    parser.add_argument("--converter", type=Path, default=converter_path())
    parser.add_argument("--outtype", default="f16")
    parser.add_argument("--pre-tokenizer")
    args = parser.parse_args(argv)
    converter = load_converter(args.converter)
    if args.pre_tokenizer:
        name_pre_tokenizer(args.pre_tokenizer)
    sys.argv = ["convert_hf_to_gguf.py", str(args.model_dir), "--outfile", str(args.outfile), "--outtype", args.outtype]
    converter.main()


if __name__ == "__main__":
    main()
