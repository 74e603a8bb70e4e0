"""Keys and sealing for intake.

- The organisation's key pair (X25519, PyNaCl): the server holds only the public key
  (``<data_dir>/intake/public.key``) and seals everything a reporter writes or sends to
  it with a sealed box (libsodium ``crypto_box_seal``, so libsodium.js or
  tweetnacl-sealedbox open it in an analyst's browser); only the private key, kept off
  the server, opens them. A key file is one line: a prefix and the 32 raw key bytes in
  base64.
- Receipt codes: eight words from the BIP-0039 list of the reporter's language (English,
  French, Spanish; 2048 words, 88 bits), read from the ``mnemonic`` package. A code means
  the positions of its words, so it is stretched in its English form and English codes
  issued earlier keep working. Argon2id
  stretches the code into 64 bytes: the SHA-256 of the first half is the lookup stored
  with the submission, the second half is the reporter's private key, whose public half
  is stored so that analysts' replies can be sealed to the reporter. The code itself is
  never stored.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mnemonic import Mnemonic
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.pwhash import argon2id

RECEIPT_WORDS = 8
_RECEIPT_SALT = b"tocsin-receipt-1"  # 16 bytes; the code's own entropy does the work
KEY_PREFIX_PUBLIC = "tocsin-intake-public:"
KEY_PREFIX_PRIVATE = "tocsin-intake-private:"


class IntakeKeyError(ValueError):
    """A key file is missing, malformed, or does not open this ciphertext."""


class ReceiptError(ValueError):
    """A receipt code is malformed (unknown word, wrong number of words)."""


RECEIPT_LISTS = {"en": "english", "fr": "french", "es": "spanish"}
"""Form languages with an official BIP-0039 word list (from the ``mnemonic`` package);
other languages get English words."""


def _fold(text: str) -> str:
    """Lower case without accents: how receipt words are compared."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def wordlist(lang: str = "en") -> tuple[str, ...]:
    """The BIP-0039 list of 2048 receipt words for ``lang`` (English where BIP-0039 has
    none), as shipped by the ``mnemonic`` package, in NFC."""
    words = tuple(
        unicodedata.normalize("NFC", w)
        for w in Mnemonic(RECEIPT_LISTS.get(lang, "english")).wordlist
    )
    if len(words) != 2048 or len({_fold(w)[:4] for w in words}) != 2048:
        raise RuntimeError(f"the {lang} receipt word list is damaged")
    return words


@cache
def _by_prefix(lang: str) -> dict[str, int]:
    return {_fold(word)[:4]: index for index, word in enumerate(wordlist(lang))}


def new_receipt_code(lang: str = "en") -> str:
    """A fresh random receipt code: eight words of the reporter's language's list
    (English where BIP-0039 has none), separated by spaces."""
    words = wordlist(lang)
    return " ".join(secrets.choice(words) for _ in range(RECEIPT_WORDS))


def _indices(parts: list[str], lang: str) -> list[int] | str:
    """Each word's position in ``lang``'s list, or the first word not in it."""
    out = []
    for part in parts:
        index = _by_prefix(lang).get(part[:4])
        if index is None or not _fold(wordlist(lang)[index]).startswith(part):
            return part
        out.append(index)
    return out


def normalise_receipt(code: str) -> str:
    """The canonical form of a code: the English words at the positions of its words.
    Accepts any case, accents or none, any separators, the first four letters of a word,
    and codes in any receipt language (English first, so codes issued before other
    languages existed keep their meaning)."""
    parts = [p for p in re.split(r"[^a-z]+", _fold(code).strip()) if p]
    if len(parts) != RECEIPT_WORDS:
        raise ReceiptError(f"a receipt code has {RECEIPT_WORDS} words; this one has {len(parts)}")
    unknown = ""
    for lang in RECEIPT_LISTS:
        found = _indices(parts, lang)
        if isinstance(found, list):
            return " ".join(wordlist("en")[i] for i in found)
        unknown = unknown or found
    raise ReceiptError(f"{unknown!r} is not a word of a receipt code")


@dataclass(frozen=True)
class ReceiptKeys:
    """What a receipt code derives: the stored lookup and the reporter's key pair."""

    lookup: str
    private_key: PrivateKey

    @property
    def public_hex(self) -> str:
        """The reporter's public key, hex (stored with the submission)."""
        return bytes(self.private_key.public_key).hex()


def derive_receipt(code: str) -> ReceiptKeys:
    """Stretch a receipt code with Argon2id into its lookup and key pair (slow on purpose)."""
    material = argon2id.kdf(
        64,
        normalise_receipt(code).encode("utf-8"),
        _RECEIPT_SALT,
        opslimit=argon2id.OPSLIMIT_INTERACTIVE,
        memlimit=argon2id.MEMLIMIT_INTERACTIVE,
    )
    lookup = hashlib.sha256(material[:32]).hexdigest()
    return ReceiptKeys(lookup=lookup, private_key=PrivateKey(material[32:]))


def seal(public_key: PublicKey, data: bytes) -> bytes:
    """Encrypt ``data`` so that only the holder of the matching private key can read it."""
    return SealedBox(public_key).encrypt(data)


def seal_json(public_key: PublicKey, value: dict[str, object]) -> bytes:
    """Seal a JSON object (UTF-8, compact) to ``public_key``."""
    return seal(public_key, json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode())


def unseal_json(private_key: PrivateKey, data: bytes) -> dict[str, object]:
    """Open what :func:`seal_json` sealed."""
    value = json.loads(unseal(private_key, data).decode("utf-8"))
    if not isinstance(value, dict):
        raise IntakeKeyError("the sealed data is not a JSON object")
    return value


def unseal(private_key: PrivateKey, data: bytes) -> bytes:
    """Open a sealed box; a wrong key or damaged data is an :class:`IntakeKeyError`."""
    try:
        return SealedBox(private_key).decrypt(data)
    except CryptoError as exc:
        raise IntakeKeyError("this key does not open the data (wrong key or damaged data)") from exc


def public_key_path(data_dir: Path) -> Path:
    """Where the server keeps the organisation's public key."""
    return Path(data_dir) / "intake" / "public.key"


def encode_public(key: PublicKey) -> str:
    """A public key as one line of text."""
    return KEY_PREFIX_PUBLIC + base64.b64encode(bytes(key)).decode()


def encode_private(key: PrivateKey) -> str:
    """A private key as one line of text."""
    return KEY_PREFIX_PRIVATE + base64.b64encode(bytes(key)).decode()


def parse_public(text: str) -> PublicKey:
    """Parse a public key line."""
    text = text.strip()
    if not text.startswith(KEY_PREFIX_PUBLIC):
        raise IntakeKeyError("not a Tocsin intake public key")
    return PublicKey(base64.b64decode(text[len(KEY_PREFIX_PUBLIC) :]))


def parse_private(text: str) -> PrivateKey:
    """Parse a private key line (as written by ``tocsin keys init``)."""
    text = text.strip()
    if not text.startswith(KEY_PREFIX_PRIVATE):
        raise IntakeKeyError(
            "not a Tocsin intake private key (expected a line starting with "
            f"{KEY_PREFIX_PRIVATE!r})"
        )
    try:
        return PrivateKey(base64.b64decode(text[len(KEY_PREFIX_PRIVATE) :], validate=True))
    except (ValueError, TypeError) as exc:
        raise IntakeKeyError(f"malformed intake private key: {exc}") from exc


def load_public_key(data_dir: Path) -> PublicKey:
    """The organisation's public key from the data dir, or a clear error."""
    path = public_key_path(data_dir)
    if not path.is_file():
        raise IntakeKeyError(f"no intake public key at {path}: run `tocsin keys init` first")
    return parse_public(path.read_text())


def load_private_key(path: Path) -> PrivateKey:
    """Read a private key file."""
    try:
        return parse_private(Path(path).read_text())
    except OSError as exc:
        raise IntakeKeyError(f"cannot read private key {path}: {exc}") from exc


def init_keys(data_dir: Path, private_out: Path, *, force: bool = False) -> tuple[Path, Path]:
    """Create the organisation's key pair: the public key into the data dir, the private
    key to ``private_out`` (mode 0600), which must lie outside the data dir.

    Refuses to overwrite an existing public key unless ``force`` (old submissions would
    stay sealed to the old key). Returns (public path, private path).
    """
    data_dir = Path(data_dir).resolve()
    private_out = Path(private_out).expanduser().resolve()
    if private_out == data_dir or data_dir in private_out.parents:
        raise IntakeKeyError(
            f"{private_out} is inside the server's data dir {data_dir}; write the private "
            "key somewhere else (ideally a removable drive or another machine)"
        )
    public_path = public_key_path(data_dir)
    if public_path.exists() and not force:
        raise IntakeKeyError(
            f"an intake key already exists at {public_path}; use --force to replace it "
            "(submissions sealed to the old key need the old private key)"
        )
    if private_out.exists():
        raise IntakeKeyError(f"{private_out} exists; choose another file for the private key")
    key = PrivateKey.generate()
    private_out.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(private_out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(encode_private(key) + "\n")
    public_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = public_path.with_suffix(".tmp")
    tmp.write_text(encode_public(key.public_key) + "\n")
    os.replace(tmp, public_path)
    return public_path, private_out
