ATTACH USER legacy IDENTIFIED WITH plaintext_password BY 'Hunter2-plain' HOST IP '10.0.0.0/8';
