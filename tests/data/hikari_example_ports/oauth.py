"""The OAuth2 authorization-code flow: exchange the code Discord sent to the redirect URI for
a Bearer token, fetch the user with it, and announce them in a channel with the bot token."""

import os

import anyio
import hikari

CLIENT_ID = int(os.environ["CLIENT_ID"])
CLIENT_SECRET = os.environ["CLIENT_SECRET"]
BOT_TOKEN = os.environ["BOT_TOKEN"]
CHANNEL_ID = int(os.environ["CHANNEL_ID"])
REDIRECT_URI = "http://localhost:8080"


async def on_redirect(discord_rest: hikari.RESTApp, code: str) -> str:
    # What the web server does with `?code=...` on the redirect URI.
    async with discord_rest.acquire(None) as r:
        auth = await r.authorize_access_token(CLIENT_ID, CLIENT_SECRET, code, REDIRECT_URI)
    async with discord_rest.acquire(auth.access_token, hikari.TokenType.BEARER) as client:
        user = await client.fetch_my_user()
    async with discord_rest.acquire(BOT_TOKEN, hikari.TokenType.BOT) as client:
        await client.create_message(CHANNEL_ID, f"{user} ({user.id}) just authorized!")
    return "Successfully authenticated!"


async def main() -> None:
    discord_rest = hikari.RESTApp()
    await discord_rest.start()
    try:
        print(await on_redirect(discord_rest, os.environ["OAUTH_CODE"]), flush=True)
    finally:
        await discord_rest.close()


anyio.run(main, backend=os.environ.get("ANYCORD_BACKEND", "asyncio"))
