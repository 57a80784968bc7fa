package dev.bulwark.gateway.support;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate for {@code localhost} / {@code 127.0.0.1}, generated at test time with
 * BouncyCastle and written as PEM (certificate, PKCS#8 key).
 */
public record SelfSignedCert(Path certPem, Path keyPem) {

  public static SelfSignedCert create(Path dir, String name) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=localhost");
      long now = System.currentTimeMillis();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              BigInteger.valueOf(now),
              new Date(now - 60_000),
              new Date(now + 86_400_000L),
              subject,
              pair.getPublic());
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
      X509CertificateHolder holder =
          builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
      Path cert = dir.resolve(name + "-cert.pem");
      Path key = dir.resolve(name + "-key.pem");
      try (Writer w = Files.newBufferedWriter(cert);
          JcaPEMWriter pem = new JcaPEMWriter(w)) {
        pem.writeObject(holder);
      }
      try (Writer w = Files.newBufferedWriter(key);
          JcaPEMWriter pem = new JcaPEMWriter(w)) {
        pem.writeObject(new JcaPKCS8Generator(pair.getPrivate(), null));
      }
      return new SelfSignedCert(cert, key);
    } catch (IOException | NoSuchAlgorithmException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }
}
