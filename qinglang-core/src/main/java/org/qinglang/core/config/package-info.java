/**
 * The plain-text settings syntax (配置文件格式) that every configuration file of the engine shares, so that a
 * person writes, and an error names, each file the same way.
 */
package org.qinglang.core.config;
