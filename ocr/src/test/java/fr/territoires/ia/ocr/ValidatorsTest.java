package fr.territoires.ia.ocr;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValidatorsTest {

    @Test
    void luhnAcceptsValidAndRejectsOneDigitOff() {
        assertTrue(Validators.luhn("79927398713"));
        assertFalse(Validators.luhn("79927398710"));
        assertFalse(Validators.luhn(""));
        assertFalse(Validators.luhn("7992739871a"));
    }

    @Test
    void sirenNeedsNineDigitsAndLuhn() {
        assertTrue(Validators.siren("732 829 320"));
        assertTrue(Validators.siren("552100554"));
        assertFalse(Validators.siren("732829321"), "Luhn fails");
        assertFalse(Validators.siren("73282932"), "8 digits");
    }

    @Test
    void siretNeedsFourteenDigitsAndLuhnWithLaPosteException() {
        assertTrue(Validators.siret("732 829 320 00074"));
        assertTrue(Validators.siret("44306184100047"));
        assertFalse(Validators.siret("73282932000075"), "Luhn fails");
        assertFalse(Validators.siret("7328293200007"), "13 digits");
        // La Poste: SIREN 356000000, digit sum a multiple of 5 (Luhn does not apply).
        assertTrue(Validators.siret("35600000049837"));
        assertFalse(Validators.siret("35600000049838"));
    }

    @Test
    void ibanChecksMod97AndCountryLength() {
        assertTrue(Validators.iban("FR76 3000 6000 0112 3456 7890 189"));
        assertTrue(Validators.iban("DE89370400440532013000"));
        assertTrue(Validators.iban("GB82WEST12345698765432"));
        assertFalse(Validators.iban("FR76 3000 6000 0112 3456 7890 188"), "mod 97 fails");
        assertFalse(Validators.iban("FR76 3000 6000 0112 3456 7890 18"), "French IBAN is 27 characters");
        assertFalse(Validators.iban("1276 3000 6000 0112 3456 7890 189"), "no country code");
    }

    @Test
    void nirChecksKeyMonthAndCorsica() {
        assertTrue(Validators.nir("1 85 05 78 006 084 91"));
        assertFalse(Validators.nir("1 85 05 78 006 084 92"), "key off by one");
        assertFalse(Validators.nir("3 85 05 78 006 084 91"), "sex digit 3");
        assertFalse(Validators.nir("1 85 13 78 006 084 91"), "month 13");
        assertTrue(Validators.nir("1 83 02 2A 012 345 32"), "Corsica 2A read as 19");
        assertFalse(Validators.nir("1 83 02 2A 012 345 33"));
    }
}
