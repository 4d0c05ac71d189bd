// Shim for libqrencode (QR codes for the checkout URL).
#ifndef TILL_CQRENCODE_SHIM_H
#define TILL_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
