// Implementation of the store's cryptography on libsodium 1.0.18; see crypto.h for the contracts.
// Key material only ever lives in sodium_malloc blocks or in stack buffers that are wiped with
// sodium_memzero before they go out of scope.
#include "security/crypto.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <algorithm>
#include <semaphore>
#include <thread>
#include <string>
#include <string_view>
#include <utility>

namespace tov::crypto {
namespace {

// --- Constants ---------------------------------------------------------------------------------

constexpr std::string_view kKeyPrefix = "tovholder-key-v1:";
constexpr size_t kKeyBytes = crypto_kdf_KEYBYTES;  // 32
constexpr size_t kKeyHexChars = 2 * kKeyBytes;     // 64
constexpr size_t kSubKeyBytes = 32;
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "tovholdr";

// Sub-key ids: part of the stored data format (see crypto.h), never renumber.
enum SubKeyId : uint64_t {
  kCprEncryptionId = 1,
  kCprBlindIndexId = 2,
  kPseudonymId = 3,
  kSessionTokenId = 4,
  kFingerprintId = 5,
};

// Layout of a Keys block: the master key, then one slot per stored sub-key.
enum Slot : size_t {
  kMasterSlot = 0,
  kCprEncryptionSlot,
  kCprBlindIndexSlot,
  kPseudonymSlot,
  kSessionTokenSlot,
  kSlotCount,
};
constexpr size_t kBlockBytes = kSlotCount * kSubKeyBytes;

static_assert(kKeyBytes == kSubKeyBytes);
static_assert(crypto_secretbox_KEYBYTES == kSubKeyBytes);
static_assert(kSubKeyBytes >= crypto_generichash_KEYBYTES_MIN &&
              kSubKeyBytes <= crypto_generichash_KEYBYTES_MAX);
static_assert(kSubKeyBytes >= crypto_kdf_BYTES_MIN && kSubKeyBytes <= crypto_kdf_BYTES_MAX);

constexpr size_t kBoxOverhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;  // 40
constexpr size_t kKeyFileMaxBytes = 256;  // a valid file is 82 bytes plus whitespace
// At most 2 hashes at once, and never more than half the cores: each argon2id hash keeps a core
// busy for ~65 ms, and a login flood must leave cores for everyone else's requests.
constexpr int kMaxConcurrentPasswordHashes = 2;
int PasswordHashLimit() {
  int half = static_cast<int>(std::thread::hardware_concurrency() / 2);
  return std::clamp(half, 1, kMaxConcurrentPasswordHashes);
}

// --- Initialisation ----------------------------------------------------------------------------

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) {  // 1 (already initialised elsewhere) is fine
      std::fputs("tov::crypto: sodium_init() failed; refusing to run without a CSPRNG\n", stderr);
      std::abort();
    }
  });
}

// --- Small helpers -----------------------------------------------------------------------------

// Wipes a stack buffer when it goes out of scope.
class Wiper {
 public:
  Wiper(void* p, size_t n) : p_(p), n_(n) {}
  ~Wiper() { sodium_memzero(p_, n_); }
  Wiper(const Wiper&) = delete;
  Wiper& operator=(const Wiper&) = delete;

 private:
  void* p_;
  size_t n_;
};

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::string BinToHex(const unsigned char* bin, size_t len) {
  std::string hex(2 * len + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bin, len);
  hex.pop_back();  // the NUL sodium_bin2hex writes
  return hex;
}

// Exactly 2 * `len` hex digits into `out`; false otherwise.
bool HexToBin(std::string_view hex, unsigned char* out, size_t len) {
  if (hex.size() != 2 * len) return false;
  size_t bin_len = 0;
  const char* hex_end = nullptr;
  if (sodium_hex2bin(out, len, hex.data(), hex.size(), nullptr, &bin_len, &hex_end) != 0) {
    return false;
  }
  return bin_len == len && hex_end == hex.data() + hex.size();
}

// RFC 4648 base32, lowercase, no padding; `len` * 8 must be a multiple of 5.
std::string Base32Lower(const unsigned char* bin, size_t len) {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  std::string out;
  out.reserve(len * 8 / 5);
  uint32_t buffer = 0;
  int bits = 0;
  for (size_t i = 0; i < len; ++i) {
    buffer = (buffer << 8) | bin[i];
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += kAlphabet[(buffer >> bits) & 0x1f];
    }
  }
  return out;
}

std::string_view TrimWhitespace(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  const size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(kSpace) - begin + 1);
}

std::string ErrnoText(int err) { return std::strerror(err); }

// Keyed BLAKE2b of `in` (`out_len` bytes) under the 32-byte `key`.
void KeyedHash(const unsigned char* key, std::string_view in, unsigned char* out, size_t out_len) {
  crypto_generichash(out, out_len, Bytes(in), in.size(), key, kSubKeyBytes);
}

// --- Password concurrency limit ----------------------------------------------------------------

std::counting_semaphore<kMaxConcurrentPasswordHashes> password_slots(PasswordHashLimit());
std::atomic<int> password_in_flight{0};
std::atomic<int> password_peak{0};

// Holds one of the process's password-hashing slots for its lifetime.
class PasswordSlot {
 public:
  PasswordSlot() {
    password_slots.acquire();
    const int now = password_in_flight.fetch_add(1) + 1;
    int peak = password_peak.load();
    while (now > peak && !password_peak.compare_exchange_weak(peak, now)) {
    }
  }
  ~PasswordSlot() {
    password_in_flight.fetch_sub(1);
    password_slots.release();
  }
  PasswordSlot(const PasswordSlot&) = delete;
  PasswordSlot& operator=(const PasswordSlot&) = delete;
};

}  // namespace

// --- Keys --------------------------------------------------------------------------------------

// The only code that touches key bytes.
class KeysAccess {
 public:
  // A writable, zeroed block for a master key; nullptr when secure memory is unavailable.
  static unsigned char* Allocate() {
    EnsureSodium();
    auto* block = static_cast<unsigned char*>(sodium_malloc(kBlockBytes));
    if (block != nullptr) sodium_memzero(block, kBlockBytes);
    return block;
  }

  // Derives the sub-keys from the master key in `block` (from Allocate), makes the block
  // read-only and wraps it.
  static Keys Seal(unsigned char* block) {
    const unsigned char* master = block + kMasterSlot * kSubKeyBytes;
    auto derive = [&](Slot slot, SubKeyId id) {
      crypto_kdf_derive_from_key(block + slot * kSubKeyBytes, kSubKeyBytes, id, kKdfContext,
                                 master);
    };
    derive(kCprEncryptionSlot, kCprEncryptionId);
    derive(kCprBlindIndexSlot, kCprBlindIndexId);
    derive(kPseudonymSlot, kPseudonymId);
    derive(kSessionTokenSlot, kSessionTokenId);
    sodium_mprotect_readonly(block);
    return Keys(block);
  }

  static unsigned char* Master(unsigned char* block) { return block + kMasterSlot * kSubKeyBytes; }

  static const unsigned char* Get(const Keys& keys, Slot slot) {
    if (keys.block_ == nullptr) {
      std::fputs("tov::crypto: use of a moved-from Keys\n", stderr);
      std::abort();
    }
    return keys.block_ + slot * kSubKeyBytes;
  }

  static std::string Fingerprint(const Keys& keys) {
    // A sub-key of its own, so the fingerprint says nothing about the keys in use.
    unsigned char id[crypto_kdf_BYTES_MIN];
    crypto_kdf_derive_from_key(id, sizeof id, kFingerprintId, kKdfContext,
                               Get(keys, kMasterSlot));
    return BinToHex(id, 4);
  }
};

Keys::Keys(Keys&& other) noexcept : block_(std::exchange(other.block_, nullptr)) {}

Keys& Keys::operator=(Keys&& other) noexcept {
  if (this != &other) {
    if (block_ != nullptr) sodium_free(block_);
    block_ = std::exchange(other.block_, nullptr);
  }
  return *this;
}

Keys::~Keys() {
  if (block_ != nullptr) sodium_free(block_);  // zeroes the block before unmapping it
}

std::string Keys::ToString() const {
  if (block_ == nullptr) return "Keys{empty}";
  return "Keys{id=" + KeysAccess::Fingerprint(*this) + "}";
}

StatusOr<Keys> GenerateKeys() {
  unsigned char* block = KeysAccess::Allocate();
  if (block == nullptr) return Status::ResourceExhausted("cannot allocate secure memory for keys");
  crypto_kdf_keygen(KeysAccess::Master(block));
  return KeysAccess::Seal(block);
}

StatusOr<Keys> ParseKeyText(std::string_view text, std::string_view source) {
  const std::string_view trimmed = TrimWhitespace(text);
  const std::string_view hex =
      trimmed.starts_with(kKeyPrefix) ? trimmed.substr(kKeyPrefix.size()) : std::string_view();
  auto malformed = [&] {
    return Status::FailedPrecondition(std::string(source) +
                                      ": malformed key; expected a single line "
                                      "'tovholder-key-v1:<64 hex chars>'");
  };
  if (hex.size() != kKeyHexChars) return malformed();
  unsigned char* block = KeysAccess::Allocate();
  if (block == nullptr) return Status::ResourceExhausted("cannot allocate secure memory for keys");
  if (!HexToBin(hex, KeysAccess::Master(block), kKeyBytes)) {
    sodium_free(block);
    return malformed();
  }
  return KeysAccess::Seal(block);
}

StatusOr<Keys> LoadKeys(const std::string& path) {
  EnsureSodium();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) return Status::NotFound("key file " + path + " does not exist");
    return Status::Io("cannot open key file " + path + ": " + ErrnoText(err));
  }
  // Checks are made on the opened file itself, so the file cannot be swapped after them.
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return Status::Io("cannot stat key file " + path + ": " + ErrnoText(err));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::FailedPrecondition("key file " + path + " is not a regular file");
  }
  if ((st.st_mode & 077) != 0) {
    ::close(fd);
    char mode[8];
    std::snprintf(mode, sizeof mode, "%03o", static_cast<unsigned>(st.st_mode & 0777));
    return Status::FailedPrecondition("key file " + path + " has mode " + mode +
                                      ", open to group or others; refusing to use it. Run "
                                      "`chmod 600 " + path + "`");
  }

  char buf[kKeyFileMaxBytes + 1];
  Wiper wipe_buf(buf, sizeof buf);
  size_t len = 0;
  while (len < sizeof buf) {
    const ssize_t n = ::read(fd, buf + len, sizeof buf - len);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      return Status::Io("cannot read key file " + path + ": " + ErrnoText(err));
    }
    len += static_cast<size_t>(n);
  }
  ::close(fd);
  if (len > kKeyFileMaxBytes) {
    return Status::FailedPrecondition("key file " + path +
                                      ": malformed key; the file is too long for a key");
  }
  return ParseKeyText(std::string_view(buf, len), "key file " + path);
}

Status CreateKeyFile(const std::string& path) {
  EnsureSodium();
  // O_EXCL with O_CREAT also refuses a dangling symlink; O_NOFOLLOW an existing one.
  const int fd =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0600);
  if (fd < 0) {
    const int err = errno;
    if (err == EEXIST) {
      return Status::AlreadyExists("key file " + path +
                                   " already exists; refusing to overwrite a key");
    }
    return Status::Io("cannot create key file " + path + ": " + ErrnoText(err));
  }
  auto fail = [&](const std::string& what, int err) {
    ::close(fd);
    ::unlink(path.c_str());
    return Status::Io("cannot " + what + " key file " + path + ": " + ErrnoText(err));
  };
  if (::fchmod(fd, 0600) != 0) return fail("chmod", errno);  // in case the umask was odd

  unsigned char key[kKeyBytes];
  Wiper wipe_key(key, sizeof key);
  crypto_kdf_keygen(key);
  char line[kKeyPrefix.size() + kKeyHexChars + 2];  // prefix, hex, '\n', NUL
  Wiper wipe_line(line, sizeof line);
  std::memcpy(line, kKeyPrefix.data(), kKeyPrefix.size());
  sodium_bin2hex(line + kKeyPrefix.size(), kKeyHexChars + 1, key, sizeof key);
  line[sizeof line - 2] = '\n';
  const size_t line_len = sizeof line - 1;

  size_t written = 0;
  while (written < line_len) {
    const ssize_t n = ::write(fd, line + written, line_len - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("write", errno);
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) return fail("flush", errno);
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(path.c_str());
    return Status::Io("cannot close key file " + path + ": " + ErrnoText(err));
  }
  // Best effort: make the new directory entry durable too; a lost key loses all data.
  const size_t slash = path.find_last_of('/');
  const std::string dir =
      slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    (void)::fsync(dir_fd);
    ::close(dir_fd);
  }
  return Status::Ok();
}

StatusOr<Keys> KeysFromEnvOrFile(const std::string& default_path, bool create_if_missing) {
  EnsureSodium();
  if (const char* text = std::getenv("TOVHOLDER_KEY"); text != nullptr) {
    return ParseKeyText(text, "environment variable TOVHOLDER_KEY");
  }
  if (const char* file = std::getenv("TOVHOLDER_KEY_FILE"); file != nullptr) {
    if (*file == '\0') {
      return Status::FailedPrecondition("environment variable TOVHOLDER_KEY_FILE is empty");
    }
    return LoadKeys(file);
  }
  StatusOr<Keys> keys = LoadKeys(default_path);
  if (keys.ok() || keys.status().code() != StatusCode::kNotFound || !create_if_missing) {
    return keys;
  }
  if (Status created = CreateKeyFile(default_path);
      !created.ok() && created.code() != StatusCode::kAlreadyExists) {
    return created;
  }
  return LoadKeys(default_path);
}

// --- Encryption --------------------------------------------------------------------------------

std::string Encrypt(const Keys& keys, std::string_view plaintext) {
  EnsureSodium();
  std::string blob(kBoxOverhead + plaintext.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(blob.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, Bytes(plaintext), plaintext.size(),
                        nonce, KeysAccess::Get(keys, kCprEncryptionSlot));
  return blob;
}

StatusOr<std::string> Decrypt(const Keys& keys, std::string_view blob) {
  EnsureSodium();
  if (blob.size() < kBoxOverhead) {
    return Status::Internal("cannot decrypt: ciphertext is " + std::to_string(blob.size()) +
                            " bytes, shorter than the " + std::to_string(kBoxOverhead) +
                            "-byte nonce and MAC");
  }
  const unsigned char* nonce = Bytes(blob);
  const unsigned char* box = nonce + crypto_secretbox_NONCEBYTES;
  const size_t box_len = blob.size() - crypto_secretbox_NONCEBYTES;
  std::string plaintext(box_len - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plaintext.data()), box,
                                 box_len, nonce,
                                 KeysAccess::Get(keys, kCprEncryptionSlot)) != 0) {
    return Status::Internal(
        "cannot decrypt: ciphertext does not authenticate (tampered, or under another key)");
  }
  return plaintext;
}

// --- Deterministic keyed hashes ----------------------------------------------------------------

std::string BlindIndex(const Keys& keys, std::string_view normalized_cpr) {
  EnsureSodium();
  unsigned char hash[32];
  KeyedHash(KeysAccess::Get(keys, kCprBlindIndexSlot), normalized_cpr, hash, sizeof hash);
  return BinToHex(hash, sizeof hash);
}

std::string Pseudonym(const Keys& keys, std::string_view citizen_key) {
  EnsureSodium();
  unsigned char hash[crypto_generichash_BYTES_MIN];  // 16; the first 10 (80 bits) are used
  KeyedHash(KeysAccess::Get(keys, kPseudonymSlot), citizen_key, hash, sizeof hash);
  return "P-" + Base32Lower(hash, 10);
}

// --- Passwords ---------------------------------------------------------------------------------

StatusOr<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  if (password.empty()) return Status::InvalidField("password", "must not be empty");
  if (password.size() > kMaxPasswordBytes) {
    return Status::InvalidField("password",
                                "must be at most " + std::to_string(kMaxPasswordBytes) + " bytes");
  }
  char out[crypto_pwhash_STRBYTES];
  int rc;
  {
    PasswordSlot slot;
    rc = crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                           crypto_pwhash_MEMLIMIT_INTERACTIVE);
  }
  if (rc != 0) {
    return Status::ResourceExhausted("cannot hash password: out of memory for argon2id");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  if (password.empty() || password.size() > kMaxPasswordBytes) return false;
  // libsodium reads the hash as a C string of fewer than crypto_pwhash_STRBYTES chars.
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES ||
      hash.find('\0') != std::string_view::npos) {
    return false;
  }
  const std::string hash_str(hash);
  PasswordSlot slot;
  return crypto_pwhash_str_verify(hash_str.c_str(), password.data(), password.size()) == 0;
}

namespace internal {
int PasswordHashPeakConcurrency() { return password_peak.load(); }
}  // namespace internal

// --- Tokens ------------------------------------------------------------------------------------

std::string RandomToken(size_t bytes) {
  EnsureSodium();
  if (bytes == 0) return {};
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string token(sodium_base64_ENCODED_LEN(bytes, kVariant), '\0');
  sodium_bin2base64(token.data(), token.size(), Bytes(raw), raw.size(), kVariant);
  sodium_memzero(raw.data(), raw.size());
  token.resize(std::strlen(token.c_str()));  // drop the NUL terminator
  return token;
}

std::string HashToken(const Keys& keys, std::string_view token) {
  EnsureSodium();
  unsigned char hash[32];
  KeyedHash(KeysAccess::Get(keys, kSessionTokenSlot), token, hash, sizeof hash);
  return BinToHex(hash, sizeof hash);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  EnsureSodium();
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace tov::crypto
