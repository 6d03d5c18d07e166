package org.qinglang.app.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/** Files that hold the server's secrets (密钥文件): readable by their owner only, from the moment they exist. */
public final class SecretFiles {

    private SecretFiles() {
    }

    /**
     * Creates {@code file} holding {@code content}. On a POSIX file system it is created with owner-only permissions
     * ({@code rw-------}) in the same call, so no other user can read it at any moment, even if the process dies
     * while writing (a file created first and restricted afterwards is readable in between, and stays so if the
     * restriction never runs); elsewhere the directory's ACL applies.
     *
     * @throws java.nio.file.FileAlreadyExistsException if the file exists (another start made it first)
     */
    public static void createOwnerOnly(Path file, byte[] content) throws IOException {
        FileAttribute<?>[] ownerOnly = file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (SeekableByteChannel out = Files.newByteChannel(file,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC), ownerOnly)) {
            ByteBuffer b = ByteBuffer.wrap(content);
            while (b.hasRemaining()) {
                out.write(b);
            }
        }
    }
}
