#!/bin/sh
# Устанавливает программу Vitrina для CI: sh ci/install-vitrina.sh ПАПКА
# Программа оказывается в ПАПКА/bin/vitrina (в Windows — vitrina.exe).
#
# Версия — переменная VITRINA_VERSION (её задаёт workflow). Скачивается готовая программа
# для этой системы из выпуска (release) Vitrina, её контрольная сумма SHA-256 сверяется
# с файлом SHA256SUMS того же выпуска; при несовпадении установка прерывается. Только если
# такого выпуска или программы для этой системы нет, Vitrina собирается из исходного кода
# командой `cargo install` (нужен Rust, это занимает несколько минут).
set -eu

dir=${1:?укажите папку установки: sh ci/install-vitrina.sh ПАПКА}
version=${VITRINA_VERSION:?задайте версию Vitrina в переменной VITRINA_VERSION}
releases=${VITRINA_RELEASES:-__VITRINA_RELEASES__}

mkdir -p "$dir/bin"
exe=vitrina
case "$(uname -s)" in MINGW* | MSYS* | CYGWIN*) exe=vitrina.exe ;; esac

# Уже установлена нужная версия (например, из кэша CI).
if [ -x "$dir/bin/$exe" ] && [ "$("$dir/bin/$exe" --version 2>/dev/null)" = "vitrina $version" ]; then
  echo "vitrina $version уже установлена в $dir/bin"
  exit 0
fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) target=x86_64-unknown-linux-musl ;;
  Linux-aarch64 | Linux-arm64) target=aarch64-unknown-linux-musl ;;
  Darwin-x86_64) target=x86_64-apple-darwin ;;
  Darwin-arm64) target=aarch64-apple-darwin ;;
  MINGW*-x86_64 | MSYS*-x86_64 | CYGWIN*-x86_64) target=x86_64-pc-windows-msvc ;;
  *) target= ;;
esac

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  else
    shasum -a 256 "$1" | cut -d ' ' -f 1
  fi
}

if [ -n "$target" ]; then
  case "$target" in *windows*) ext=zip ;; *) ext=tar.gz ;; esac
  name="vitrina-$version-$target.$ext"
  url="$releases/v$version"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  status=$(curl -sSL --retry 3 -o "$work/$name" -w '%{http_code}' "$url/$name")
  if [ "$status" = 200 ]; then
    status=$(curl -sSL --retry 3 -o "$work/SHA256SUMS" -w '%{http_code}' "$url/SHA256SUMS")
    if [ "$status" != 200 ]; then
      echo "ошибка: в выпуске v$version нет файла SHA256SUMS ($url/SHA256SUMS: HTTP $status)" >&2
      exit 1
    fi
    expected=$(awk -v f="$name" '$2 == f || $2 == "*" f { print $1 }' "$work/SHA256SUMS")
    actual=$(sha256 "$work/$name")
    if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
      echo "ошибка: контрольная сумма $name не совпадает с SHA256SUMS выпуска v$version" >&2
      echo "  ожидалась: ${expected:-(файла нет в SHA256SUMS)}" >&2
      echo "  получена:  $actual" >&2
      exit 1
    fi
    if [ "$ext" = zip ]; then
      if command -v unzip >/dev/null 2>&1; then
        unzip -o -q "$work/$name" "$exe" -d "$dir/bin"
      else
        powershell.exe -NoProfile -Command \
          "Expand-Archive -Force -Path '$work/$name' -DestinationPath '$work/x'"
        cp "$work/x/$exe" "$dir/bin/$exe"
      fi
    else
      tar -xzf "$work/$name" -C "$dir/bin" "$exe"
    fi
    chmod +x "$dir/bin/$exe"
    echo "vitrina $version ($target) установлена в $dir/bin, SHA-256 сверена: $actual"
    exit 0
  fi
  if [ "$status" != 404 ]; then
    echo "ошибка: не удалось скачать $url/$name (HTTP $status)" >&2
    exit 1
  fi
  echo "выпуска vitrina $version для $target нет ($url/$name): сборка из исходного кода"
else
  echo "готовой программы vitrina для $(uname -s) $(uname -m) нет: сборка из исходного кода"
fi

cargo install --locked --root "$dir" vitrina --version "=$version"
