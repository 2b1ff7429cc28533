"""Knowledge the stages share: places, countries and actors. No stage lives here."""
