#!/usr/bin/env bash
# tuning-trees.sh: the Debian packages that make up the stop-37 "new kinds"
# tuning trees for the real-tree false-positive benchmark (issue 11): Python
# libraries, the CPython test suite, Ruby gems, PHP and Perl libraries. They are
# real code with no live secrets. This script only prints the list, or installs
# it with --install (root, apt). CI never runs it.
#
# Stop 39 adds an opt-in "extract" step for a SECOND Python tree of the kind a
# pyenv install is (another full stdlib, bundled wheels, large applications with
# config samples and docs), built WITHOUT touching the system: the packages are
# fetched with `apt-get download` (no install, no dependency resolution) and
# unpacked with `dpkg -x` under one folder:
#   scripts/tuning-trees.sh --extract [DIR]   # DIR defaults to /var/tmp/lw-trees/pyx
# It skips any package already installed (dpkg -s) so the new tree holds only
# files the installed tuning trees lack. Run `apt-get update` first. Then scan it:
#   benchdetect -trees "pyx=/var/tmp/lw-trees/pyx" -leakwatch BIN -gitleaks "" -out DIR
#
# Stop 41 adds a THIRD Python tree "hy" of the same kind as hx (applications
# and credential-handling client libraries) but from other packages, to tune
# on (see HY below):
#   scripts/tuning-trees.sh --extract-hy [DIR]       # DIR defaults to /var/tmp/lw-trees/hy
#
# Trees to scan afterwards (benchdetect -trees):
#   pylib=/usr/lib/python3/dist-packages,pytest=/usr/lib/python3.11/test,
#   ruby=/usr/lib/ruby,rubyshare=/usr/share/ruby-vendor... (see below),
#   php=/usr/share/php,perl5=/usr/share/perl5
set -euo pipefail

PACKAGES=(
  # Python libraries (/usr/lib/python3/dist-packages)
  python3-botocore python3-boto3 python3-django python3-sqlalchemy
  python3-numpy python3-scipy python3-pandas python3-sympy python3-matplotlib
  python3-requests python3-paramiko python3-cryptography python3-ldap3
  python3-twisted ipython3 python3-kubernetes python3-openstackclient
  python3-tornado python3-flask python3-celery python3-redis python3-pymongo
  python3-docker python3-oauthlib python3-jwt python3-googleapi ansible
  # CPython test suite (/usr/lib/python3.11/test; counts as test)
  libpython3.11-testsuite
  # Ruby (/usr/lib/ruby)
  ruby-rails ruby-aws-sdk ruby-net-ssh ruby-fog-aws ruby-faraday ruby-oauth2
  ruby-jwt ruby-devise
  # PHP (/usr/share/php)
  php-symfony php-guzzlehttp-guzzle php-phpseclib php-laravel-framework
  php-doctrine-orm php-twig php-monolog
  # Perl (/usr/share/perl5)
  libnet-ldap-perl libnet-amazon-s3-perl libmojolicious-perl libcatalyst-perl
  libdbi-perl libnet-oauth-perl libcrypt-jwt-perl libnet-dns-perl libwww-perl
)

# Extracted (not installed) for the "pyx" tree: a second stdlib (PyPy), the
# CPython examples, OpenStack services (config samples, policy files, docs),
# cloud SDKs, documentation and test tools, and client libraries for services
# that take credentials.
EXTRACT=(
  pypy3 pypy3-lib pypy3-dev python3.11-examples
  python3-keystone python3-nova python3-neutron python3-glance python3-heat
  python3-cinder python3-manila python3-ironic python3-octavia python3-trove
  python3-swift python3-barbican python3-magnum python3-designate
  python3-watcher python3-aodh
  nova-common keystone neutron-common glance-common cinder-common heat-common
  python3-azure python3-boto python3-libcloud python3-ansible-runner
  python3-sphinx python3-babel python3-hypothesis python3-pytest
  python3-googleapi-samples mercurial-common python3-networkx python3-astropy
  python3-pysaml2 python3-pyvmomi python3-hvac python3-elasticsearch
  python3-pika python3-dulwich python3-gitlab python3-github python3-stripe
  python3-twilio python3-zeep python3-scrapy python3-invoke python3-fabric
)

# Stop 40: /root/.pyenv became a tuning tree, and this HELD-OUT tree "hx" takes
# its place: Python applications and client libraries chosen by name only
# (credential-handling code of the kind a pyenv holds), never looked at while
# writing rules; only its finding count is read. Extracted like pyx:
#   scripts/tuning-trees.sh --extract-heldout [DIR]  # DIR defaults to /var/tmp/lw-trees/hx
HELDOUT=(
  salt-common certbot python3-acme python3-certbot python3-msal
  python3-google-auth python3-google-auth-oauthlib python3-httpx python3-aiohttp
  python3-social-auth-core python3-django-allauth python3-netmiko python3-proxmoxer
  python3-keyring python3-asyncpg python3-psycopg2 python3-pymysql python3-ldap
  python3-jenkins python3-consul python3-influxdb python3-tweepy python3-telegram-bot
  python3-praw python3-dropbox python3-impacket python3-scapy python3-pysnmp4
  python3-exchangelib python3-ovh python3-digitalocean python3-hcloud python3-pyghmi
  python3-mastodon python3-slack-sdk python3-minio python3-smbprotocol
  buildbot duplicity borgbackup python3-b2sdk mailman3 radicale trac
  python3-pyramid python3-notebook python3-nbconvert python3-jupyter-server
  python3-matrix-nio sqlmap offlineimap3 getmail6 rss2email python3-oauth2client
  python3-httplib2 python3-requests-oauthlib python3-authlib python3-passlib
  python3-keyrings.alt python3-secretstorage python3-pyotp
)

# Stop 41: the tuning tree "hy", of the kind hx is (Python applications and
# client libraries for services that take credentials) with none of hx's or
# pyx's packages nor their plugins. Candidates that Debian 12 lacks (roundup,
# python3-napalm, python3-apprise, python3-pypsrp, python3-spnego,
# python3-ovirt-engine-sdk4, python3-zabbix-api, python3-pywebdav,
# python3-imapclient, python3-pysnmp) are left out; the installed ones
# (keystoneauth1, novaclient, openstacksdk, glanceclient, xmltodict) are
# skipped by extract as they already are in the py tree.
HY=(
  s3cmd awscli yt-dlp gallery-dl streamlink vdirsyncer khal limnoria glances
  sshuttle borgmatic
  python3-lexicon python3-pyrad python3-pynetbox python3-ncclient python3-jose
  python3-keystoneauth1 python3-novaclient python3-pymemcache python3-kafka
  python3-paho-mqtt python3-cassandra python3-pg8000 python3-mysqldb
  python3-gnupg python3-winrm python3-requests-ntlm python3-bugzilla
  python3-jira python3-slixmpp python3-mechanize python3-sentry-sdk
  python3-xmlsec python3-djangorestframework python3-django-oauth-toolkit
  python3-flask-login python3-openstacksdk python3-glanceclient
  python3-swiftclient python3-caldav python3-xmltodict
)

# extract DIR PACKAGE...: download the packages not installed and unpack them into DIR.
extract() {
  local dir="$1" debs="$1.debs" p d
  shift
  mkdir -p "$dir" "$debs"
  for p in "$@"; do
    if dpkg -s "$p" >/dev/null 2>&1; then
      echo "skip $p (installed)" >&2
      continue
    fi
    (cd "$debs" && apt-get download "$p") || echo "not available: $p" >&2
  done
  for d in "$debs"/*.deb; do
    dpkg -x "$d" "$dir"
  done
  du -sm "$dir"
}

if [ "${1:-}" = "--extract-heldout" ]; then
  extract "${2:-/var/tmp/lw-trees/hx}" "${HELDOUT[@]}"
  exit 0
fi

if [ "${1:-}" = "--extract-hy" ]; then
  extract "${2:-/var/tmp/lw-trees/hy}" "${HY[@]}"
  exit 0
fi

if [ "${1:-}" = "--extract" ]; then
  extract "${2:-/var/tmp/lw-trees/pyx}" "${EXTRACT[@]}"
  exit 0
fi

if [ "${1:-}" = "--install" ]; then
  apt-get install -y --no-install-recommends "${PACKAGES[@]}"
else
  printf '%s\n' "${PACKAGES[@]}"
fi
