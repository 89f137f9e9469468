"""Make the throwaway TLS material the tests use (a CA, a server certificate for 127.0.0.1
and localhost, a client certificate), valid until 2120, as PEM files beside this script.

The files are committed so the test suite needs no certificate library; these keys protect
nothing. Regenerate with `python tests/data/tls/make_certs.py` (needs the `cryptography`
package, which the project does not depend on).
"""

from __future__ import annotations

import datetime
import ipaddress
import pathlib
import typing

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _write_key(key: ec.EllipticCurvePrivateKey, path: pathlib.Path) -> str:
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(path)


def _write_cert(cert: x509.Certificate, path: pathlib.Path) -> str:
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return str(path)


def make_tls_files(directory: pathlib.Path) -> dict[str, str]:
    # Valid from 2020 to 2120: these files are committed and must outlive the project.
    valid = (
        datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
        datetime.datetime(2120, 1, 1, tzinfo=datetime.UTC),
    )
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("anycord test CA"))
        .issuer_name(_name("anycord test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid[0])
        .not_valid_after(valid[1])
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )

    def leaf(common_name: str, usage: x509.ObjectIdentifier) -> tuple[x509.Certificate, typing.Any]:
        key = ec.generate_private_key(ec.SECP256R1())
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name))
            .issuer_name(ca.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(valid[0])
            .not_valid_after(valid[1])
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                critical=False,
            )
        )
        if usage == ExtendedKeyUsageOID.SERVER_AUTH:
            builder = builder.add_extension(
                x509.SubjectAlternativeName(
                    [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
                ),
                critical=False,
            )
        return builder.sign(ca_key, hashes.SHA256()), key

    server, server_key = leaf("127.0.0.1", ExtendedKeyUsageOID.SERVER_AUTH)
    client, client_key = leaf("anycord test client", ExtendedKeyUsageOID.CLIENT_AUTH)
    return {
        "ca_cert": _write_cert(ca, directory / "ca.pem"),
        "server_cert": _write_cert(server, directory / "server.pem"),
        "server_key": _write_key(server_key, directory / "server-key.pem"),
        "client_cert": _write_cert(client, directory / "client.pem"),
        "client_key": _write_key(client_key, directory / "client-key.pem"),
    }


if __name__ == "__main__":
    for name, path in make_tls_files(pathlib.Path(__file__).resolve().parent).items():
        print(f"{name}: {path}")
