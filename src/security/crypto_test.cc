// Tests for store/crypto: encryption, blind indexes, pseudonyms, password hashes, tokens and the
// key file / environment handling. Known-answer values were computed independently with
// Python's hashlib.blake2b (libsodium's KDF is BLAKE2b with salt = sub-key id, personal = context).
#include "security/crypto.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace tov::crypto {
namespace {

constexpr char kFixedKeyHex[] = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr char kFixedKeyText[] =
    "tovholder-key-v1:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

Keys MustGenerate() {
  StatusOr<Keys> keys = GenerateKeys();
  EXPECT_TRUE(keys.ok()) << keys.status().ToString();
  return std::move(keys).value();
}

Keys MustParse(std::string_view text) {
  StatusOr<Keys> keys = ParseKeyText(text, "test");
  EXPECT_TRUE(keys.ok()) << keys.status().ToString();
  return std::move(keys).value();
}

// True iff every char of `s` is in `alphabet`. (std::regex trips GCC 12's -Wmaybe-uninitialized.)
bool AllOf(std::string_view s, std::string_view alphabet) {
  return s.find_first_not_of(alphabet) == std::string_view::npos;
}
constexpr std::string_view kLowerHex = "0123456789abcdef";

// ^[0-9a-f]{64}$
bool IsHex64(std::string_view s) { return s.size() == 64 && AllOf(s, kLowerHex); }

// ^P-[a-z2-7]{16}$
bool IsPseudonym(std::string_view s) {
  return s.size() == 18 && s.starts_with("P-") &&
         AllOf(s.substr(2), "abcdefghijklmnopqrstuvwxyz234567");
}

// ^[A-Za-z0-9_-]*$
bool IsBase64Url(std::string_view s) {
  return AllOf(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}

// Bytes as a std::string from hex (test-only helper).
std::string FromHex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return out;
}

// --- Encryption --------------------------------------------------------------------------------

TEST(CryptoEncryptTest, RoundTrip) {
  Keys keys = MustGenerate();
  using std::string_view_literals::operator""sv;
  for (std::string_view text : {"0101901234"sv, ""sv, "æøå with \0 inside"sv}) {
    const std::string blob = Encrypt(keys, text);
    EXPECT_EQ(blob.size(), text.size() + 40);
    StatusOr<std::string> back = Decrypt(keys, blob);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, text);
  }
}

TEST(CryptoEncryptTest, SameTextEncryptsDifferently) {
  Keys keys = MustGenerate();
  const std::string a = Encrypt(keys, "0101901234");
  const std::string b = Encrypt(keys, "0101901234");
  EXPECT_NE(a, b);
  EXPECT_NE(a.substr(0, 24), b.substr(0, 24)) << "nonces must differ";
  EXPECT_EQ(a.find("0101901234"), std::string::npos) << "plaintext visible in ciphertext";
}

TEST(CryptoEncryptTest, TamperedCiphertextFails) {
  Keys keys = MustGenerate();
  const std::string blob = Encrypt(keys, "0101901234");
  for (size_t i = 0; i < blob.size(); ++i) {  // nonce, MAC and ciphertext bytes alike
    std::string bad = blob;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    StatusOr<std::string> r = Decrypt(keys, bad);
    ASSERT_FALSE(r.ok()) << "flipped byte " << i << " went unnoticed";
    EXPECT_EQ(r.status().code(), StatusCode::kInternal);
  }
  EXPECT_FALSE(Decrypt(keys, blob.substr(0, blob.size() - 1)).ok());
  EXPECT_FALSE(Decrypt(keys, blob + "x").ok());
}

TEST(CryptoEncryptTest, ShortInputFails) {
  Keys keys = MustGenerate();
  for (size_t n : {0, 1, 24, 39}) {
    StatusOr<std::string> r = Decrypt(keys, std::string(n, 'a'));
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_NE(r.status().message().find("shorter"), std::string::npos) << r.status().message();
  }
}

TEST(CryptoEncryptTest, WrongKeyFails) {
  Keys one = MustGenerate();
  Keys other = MustGenerate();
  const std::string blob = Encrypt(one, "0101901234");
  StatusOr<std::string> r = Decrypt(other, blob);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("does not authenticate"), std::string::npos);
}

// Pins the CPR-encryption sub-key: data encrypted today must decrypt after any refactoring.
TEST(CryptoEncryptTest, DecryptsStoredBlobUnderFixedKey) {
  Keys keys = MustParse(kFixedKeyText);
  // Made by Encrypt; checked to open with raw libsodium under the Python-derived sub-key 1.
  const std::string blob = FromHex(
      "6eb671c71613273f2d605fafebf7bb2f66aec6cbe40ed0b3f58c5928b53103d2a46f33c797b5ef86c0e7646efc"
      "57b0f86644");
  StatusOr<std::string> plain = Decrypt(keys, blob);
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ(*plain, "0101901234");
}

// --- Blind index and pseudonym -------------------------------------------------------------------

TEST(CryptoBlindIndexTest, DeterministicPerKey) {
  Keys one = MustGenerate();
  Keys other = MustGenerate();
  const std::string a = BlindIndex(one, "0101901234");
  EXPECT_EQ(a, BlindIndex(one, "0101901234"));
  EXPECT_TRUE(IsHex64(a)) << a;
  EXPECT_NE(a, BlindIndex(other, "0101901234"));
  EXPECT_NE(a, BlindIndex(one, "0101901235"));
}

TEST(CryptoBlindIndexTest, KnownAnswer) {
  Keys keys = MustParse(kFixedKeyText);
  EXPECT_EQ(BlindIndex(keys, "0101901234"),
            "e195e099664696b274f6625432d352815f685e01d3ef9b6ef24ab5ab49000abe");
}

TEST(CryptoPseudonymTest, FormatAndStable) {
  Keys keys = MustGenerate();
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string citizen = "citizen-" + std::to_string(i);
    const std::string p = Pseudonym(keys, citizen);
    EXPECT_TRUE(IsPseudonym(p)) << p;
    EXPECT_EQ(p, Pseudonym(keys, citizen));
    seen.insert(p);
  }
  EXPECT_EQ(seen.size(), 200u);
  EXPECT_NE(Pseudonym(keys, "x"), Pseudonym(MustGenerate(), "x"));
}

TEST(CryptoPseudonymTest, KnownAnswer) {
  Keys keys = MustParse(kFixedKeyText);
  EXPECT_EQ(Pseudonym(keys, "0101901234"), "P-j6lx5jv7tp6qdmvq");
}

// --- Passwords -----------------------------------------------------------------------------------

TEST(CryptoPasswordTest, HashAndVerify) {
  StatusOr<std::string> hash = HashPassword("correct horse battery staple");
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery staple"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse battery stapler"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
  EXPECT_FALSE(VerifyPassword("", "correct horse battery staple"));
  EXPECT_FALSE(VerifyPassword("not a hash", "correct horse battery staple"));

  StatusOr<std::string> again = HashPassword("correct horse battery staple");
  ASSERT_TRUE(again.ok());
  EXPECT_NE(*hash, *again) << "salts must differ";
}

TEST(CryptoPasswordTest, RejectsEmptyAndOverlongPasswords) {
  StatusOr<std::string> empty = HashPassword("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), StatusCode::kInvalidArgument);
  ASSERT_EQ(empty.status().field_errors().size(), 1u);
  EXPECT_EQ(empty.status().field_errors()[0].field, "password");

  StatusOr<std::string> longest = HashPassword(std::string(kMaxPasswordBytes, 'a'));
  EXPECT_TRUE(longest.ok()) << longest.status().ToString();
  StatusOr<std::string> too_long = HashPassword(std::string(kMaxPasswordBytes + 1, 'a'));
  ASSERT_FALSE(too_long.ok());
  ASSERT_EQ(too_long.status().field_errors().size(), 1u);
  EXPECT_EQ(too_long.status().field_errors()[0].field, "password");
}

TEST(CryptoPasswordTest, AtMostTwoConcurrentHashes) {
  std::vector<std::thread> threads;
  std::vector<int> ok(6, 0);
  for (size_t i = 0; i < ok.size(); ++i) {
    threads.emplace_back([&ok, i] { ok[i] = HashPassword("pw" + std::to_string(i)).ok(); });
  }
  for (auto& t : threads) t.join();
  for (int v : ok) EXPECT_EQ(v, 1);
  EXPECT_GE(internal::PasswordHashPeakConcurrency(), 1);
  EXPECT_LE(internal::PasswordHashPeakConcurrency(), 2);
}

// --- Tokens --------------------------------------------------------------------------------------

TEST(CryptoTokenTest, RandomTokenLengthAlphabetAndUniqueness) {
  EXPECT_EQ(RandomToken().size(), 43u);
  EXPECT_EQ(RandomToken(16).size(), 22u);
  EXPECT_EQ(RandomToken(3).size(), 4u);
  EXPECT_EQ(RandomToken(0), "");
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string t = RandomToken();
    EXPECT_TRUE(IsBase64Url(t)) << t;
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(CryptoTokenTest, HashTokenDeterministicAndKeyed) {
  Keys keys = MustGenerate();
  const std::string token = RandomToken();
  const std::string h = HashToken(keys, token);
  EXPECT_EQ(h, HashToken(keys, token));
  EXPECT_TRUE(IsHex64(h)) << h;
  EXPECT_NE(h, HashToken(keys, RandomToken()));
  EXPECT_NE(h, HashToken(MustGenerate(), token));
  EXPECT_NE(h, BlindIndex(keys, token)) << "token and blind-index sub-keys must differ";
  EXPECT_EQ(HashToken(MustParse(kFixedKeyText), "abc"),
            "008e70940d78c1e3a9c6cb94146005616bc5353ff3c956c148c81086f9628678");
}

TEST(CryptoTokenTest, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
}

// --- Keys ----------------------------------------------------------------------------------------

TEST(CryptoKeysTest, ToStringNeverShowsKeyAndMoveEmpties) {
  Keys keys = MustParse(kFixedKeyText);
  const std::string s = keys.ToString();
  EXPECT_EQ(s, "Keys{id=4f0609ff}");
  EXPECT_EQ(s.find("000102"), std::string::npos);
  Keys moved = std::move(keys);
  EXPECT_FALSE(keys.valid());  // NOLINT(bugprone-use-after-move): checking the moved-from state
  EXPECT_TRUE(moved.valid());
  EXPECT_EQ(keys.ToString(), "Keys{empty}");
  EXPECT_EQ(moved.ToString(), s);
  Keys assigned = MustGenerate();
  assigned = std::move(moved);
  EXPECT_EQ(assigned.ToString(), s);
}

TEST(CryptoKeysTest, ParseKeyText) {
  EXPECT_TRUE(ParseKeyText(std::string("  ") + kFixedKeyText + "\r\n", "t").ok());
  std::string upper = kFixedKeyText;
  for (size_t i = 17; i < upper.size(); ++i) upper[i] = static_cast<char>(std::toupper(upper[i]));
  StatusOr<Keys> from_upper = ParseKeyText(upper, "t");
  ASSERT_TRUE(from_upper.ok());
  EXPECT_EQ(from_upper->ToString(), "Keys{id=4f0609ff}");
  const std::string bad[] = {
      "",
      kFixedKeyHex,                                      // no prefix
      std::string("tovholder-key-v2:") + kFixedKeyHex,   // wrong version
      std::string(kFixedKeyText).substr(0, 80),          // 63 hex chars
      std::string(kFixedKeyText) + "00",                 // 66 hex chars
      std::string(kFixedKeyText).substr(0, 80) + "g",    // not hex
      std::string(kFixedKeyText).substr(0, 50) + "\n" + std::string(kFixedKeyText).substr(50),
  };
  for (const std::string& text : bad) {
    StatusOr<Keys> r = ParseKeyText(text, "somewhere");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_EQ(r.status().message().rfind("somewhere", 0), 0u) << r.status().message();
    EXPECT_EQ(r.status().message().find("0a0b0c"), std::string::npos) << "key leaked";
  }
}

// Each test gets a fresh private directory and a clean key environment.
class CryptoKeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = std::filesystem::temp_directory_path() / "tov_crypto_test_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    for (const char* name : {"TOVHOLDER_KEY", "TOVHOLDER_KEY_FILE"}) {
      const char* v = getenv(name);
      saved_env_.emplace_back(name, v ? std::optional<std::string>(v) : std::nullopt);
      unsetenv(name);
    }
  }
  void TearDown() override {
    for (const auto& [name, value] : saved_env_) {
      if (value) {
        setenv(name.c_str(), value->c_str(), 1);
      } else {
        unsetenv(name.c_str());
      }
    }
    std::filesystem::remove_all(dir_);
  }

  std::string Path(const std::string& name) const { return dir_ + "/" + name; }

  void WriteFile(const std::string& path, const std::string& content, mode_t mode) {
    std::ofstream(path) << content;
    ASSERT_EQ(chmod(path.c_str(), mode), 0);
  }

  static mode_t ModeOf(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(stat(path.c_str(), &st), 0);
    return st.st_mode & 07777;
  }

  std::string dir_;
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_env_;
};

TEST_F(CryptoKeyFileTest, CreatedWithMode0600AndLoads) {
  const std::string path = Path("key");
  const mode_t old_umask = umask(0);  // even a permissive umask must not widen the mode
  const Status created = CreateKeyFile(path);
  umask(old_umask);
  ASSERT_TRUE(created.ok()) << created.ToString();
  EXPECT_EQ(ModeOf(path), 0600u);

  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  EXPECT_TRUE(line.starts_with("tovholder-key-v1:") && IsHex64(line.substr(17))) << line;

  StatusOr<Keys> a = LoadKeys(path);
  StatusOr<Keys> b = LoadKeys(path);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(BlindIndex(*a, "x"), BlindIndex(*b, "x"));
  StatusOr<std::string> plain = Decrypt(*b, Encrypt(*a, "0101901234"));
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(*plain, "0101901234");
}

TEST_F(CryptoKeyFileTest, CreateRefusesToOverwrite) {
  const std::string path = Path("key");
  ASSERT_TRUE(CreateKeyFile(path).ok());
  std::string before;
  std::getline(std::ifstream(path), before);
  const Status again = CreateKeyFile(path);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists);
  EXPECT_NE(again.message().find(path), std::string::npos);
  std::string after;
  std::getline(std::ifstream(path), after);
  EXPECT_EQ(before, after);

  // Nor through a symlink, dangling or not.
  std::filesystem::create_symlink(Path("elsewhere"), Path("link"));
  EXPECT_FALSE(CreateKeyFile(Path("link")).ok());
  EXPECT_FALSE(std::filesystem::exists(Path("elsewhere")));
}

TEST_F(CryptoKeyFileTest, RefusedWhenReadableByOthers) {
  const std::string path = Path("key");
  WriteFile(path, std::string(kFixedKeyText) + "\n", 0644);
  StatusOr<Keys> r = LoadKeys(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find(path), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("chmod 600"), std::string::npos) << r.status().message();
  EXPECT_EQ(r.status().message().find(kFixedKeyHex), std::string::npos);

  ASSERT_EQ(chmod(path.c_str(), 0640), 0);
  EXPECT_FALSE(LoadKeys(path).ok());
  ASSERT_EQ(chmod(path.c_str(), 0602), 0);
  EXPECT_FALSE(LoadKeys(path).ok());
  ASSERT_EQ(chmod(path.c_str(), 0400), 0);
  EXPECT_TRUE(LoadKeys(path).ok());
  ASSERT_EQ(chmod(path.c_str(), 0600), 0);
  EXPECT_TRUE(LoadKeys(path).ok());
}

TEST_F(CryptoKeyFileTest, RefusedWhenMalformed) {
  const std::string contents[] = {
      "",
      "hello\n",
      std::string(kFixedKeyHex) + "\n",
      std::string(kFixedKeyText) + "\n" + kFixedKeyText + "\n",
      std::string(kFixedKeyText).substr(0, 70) + "\n",
      std::string(kFixedKeyText) + std::string(1000, ' ') + "x",
  };
  const std::string path = Path("key");
  for (const std::string& content : contents) {
    WriteFile(path, content, 0600);
    StatusOr<Keys> r = LoadKeys(path);
    ASSERT_FALSE(r.ok()) << content;
    EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(r.status().message().find(path), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find("malformed"), std::string::npos) << r.status().message();
    EXPECT_EQ(r.status().message().find("0a0b0c"), std::string::npos) << "key leaked";
  }
  WriteFile(path, std::string("\n  ") + kFixedKeyText + "  \n\n", 0600);  // whitespace trimmed
  StatusOr<Keys> r = LoadKeys(path);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->ToString(), "Keys{id=4f0609ff}");
}

TEST_F(CryptoKeyFileTest, MissingFileAndDirectory) {
  StatusOr<Keys> r = LoadKeys(Path("absent"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find(Path("absent")), std::string::npos);
  EXPECT_FALSE(LoadKeys(dir_).ok());  // a directory is not a key file
  EXPECT_FALSE(CreateKeyFile(Path("no/such/dir/key")).ok());
}

TEST_F(CryptoKeyFileTest, EnvKeyTakesPrecedence) {
  const std::string file = Path("key");
  ASSERT_TRUE(CreateKeyFile(file).ok());
  const std::string file_index = BlindIndex(LoadKeys(file).value(), "0101901234");
  const std::string fixed_index = BlindIndex(MustParse(kFixedKeyText), "0101901234");
  ASSERT_NE(file_index, fixed_index);

  // Only the default path: it is used.
  StatusOr<Keys> k = KeysFromEnvOrFile(file, false);
  ASSERT_TRUE(k.ok()) << k.status().ToString();
  EXPECT_EQ(BlindIndex(*k, "0101901234"), file_index);

  // TOVHOLDER_KEY_FILE beats the default path.
  WriteFile(Path("fixed"), kFixedKeyText, 0600);
  ASSERT_EQ(setenv("TOVHOLDER_KEY_FILE", Path("fixed").c_str(), 1), 0);
  k = KeysFromEnvOrFile(file, false);
  ASSERT_TRUE(k.ok()) << k.status().ToString();
  EXPECT_EQ(BlindIndex(*k, "0101901234"), fixed_index);

  // TOVHOLDER_KEY beats both.
  ASSERT_EQ(setenv("TOVHOLDER_KEY_FILE", file.c_str(), 1), 0);
  ASSERT_EQ(setenv("TOVHOLDER_KEY", kFixedKeyText, 1), 0);
  k = KeysFromEnvOrFile(file, false);
  ASSERT_TRUE(k.ok()) << k.status().ToString();
  EXPECT_EQ(BlindIndex(*k, "0101901234"), fixed_index);

  // A malformed TOVHOLDER_KEY is an error, never a silent fall-through to a file.
  ASSERT_EQ(setenv("TOVHOLDER_KEY", "tovholder-key-v1:1234", 1), 0);
  k = KeysFromEnvOrFile(file, false);
  ASSERT_FALSE(k.ok());
  EXPECT_NE(k.status().message().find("TOVHOLDER_KEY"), std::string::npos);
  EXPECT_EQ(k.status().message().find("1234"), std::string::npos);

  // A key file named by TOVHOLDER_KEY_FILE is never created.
  unsetenv("TOVHOLDER_KEY");
  ASSERT_EQ(setenv("TOVHOLDER_KEY_FILE", Path("absent").c_str(), 1), 0);
  EXPECT_FALSE(KeysFromEnvOrFile(file, true).ok());
  EXPECT_FALSE(std::filesystem::exists(Path("absent")));
}

TEST_F(CryptoKeyFileTest, DefaultPathCreatedOnlyWhenAllowed) {
  const std::string path = Path("default.key");
  StatusOr<Keys> refused = KeysFromEnvOrFile(path, false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(path));

  StatusOr<Keys> created = KeysFromEnvOrFile(path, true);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(ModeOf(path), 0600u);
  StatusOr<Keys> reloaded = KeysFromEnvOrFile(path, true);  // loads, does not replace
  ASSERT_TRUE(reloaded.ok());
  EXPECT_EQ(created->ToString(), reloaded->ToString());
  EXPECT_EQ(BlindIndex(*created, "x"), BlindIndex(*reloaded, "x"));
}

}  // namespace
}  // namespace tov::crypto
