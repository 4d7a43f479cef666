#!/usr/bin/env bash
# tuning-trees.sh: the Debian packages that make up the stop-37 "new kinds"
# tuning trees for the real-tree false-positive benchmark (issue 11): Python
# libraries, the CPython test suite, Ruby gems, PHP and Perl libraries. They are
# real code with no live secrets. This script only prints the list, or installs
# it with --install (root, apt). CI never runs it.
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

if [ "${1:-}" = "--install" ]; then
  apt-get install -y --no-install-recommends "${PACKAGES[@]}"
else
  printf '%s\n' "${PACKAGES[@]}"
fi
