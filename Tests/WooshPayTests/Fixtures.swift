import Foundation

/// WooshPay's own documented example payloads (../shared/wooshpay-api.md), verbatim.
enum Fixtures {
    static let product = """
    {"id":"prod_1554351292598452224","object":"product","created":1665642282000,"active":true,
     "description":"some description","metadata":{"key1":"value1","key2":"value2"},
     "name":"example product","livemode":false,"url":"www.example.com",
     "updated":1665642282000,"images":null}
    """

    static let priceCreateBound = """
    {"currency":"GBP","unit_amount":5,"product":"prod_1554351292598452224","nickname":"some nickname"}
    """

    static let priceCreateInline = """
    {"currency":"GBP","unit_amount":5,"nickname":"some nickname",
     "product_data":{"name":"taiwan fengli","description":"very delicious"}}
    """

    static let sessionCreate = """
    {"mode":"payment","success_url":"https://example.com/ok","cancel_url":"https://example.com/cancel",
     "line_items":[{"price_data":{"currency":"GBP","unit_amount":5,
       "product_data":{"name":"example product","description":"very delicious"}},"quantity":1}]}
    """

    static let session = """
    {"id":"cs_1580071142008291328","object":"checkout.session","created":1665553291000,
     "currency":"GBP","customer":"","mode":"payment","livemode":false,"shipping":null,"status":"open",
     "url":"https://checkouttest.wooshpay.com/pay/cs_test_1580071142008291328?key=pk_test_dGVzdA",
     "client_reference_id":null,"customer_email":null,
     "line_items":{"object":"list","data":[{"id":"li_1580071142847152128","object":"item",
       "currency":"GBP","description":"example product",
       "price":{"id":"price_1580071142859735040","object":"price","created":1665553291000,
         "active":true,"currency":"GBP",
         "product":{"id":"prod_1580071142880706560","object":"product","created":1665553291000,
           "active":true,"description":"very delicious","name":"example product","livemode":false,
           "metadata":{},"images":null,"url":null,"updated":1665553291000},
         "type":"one_time","livemode":false,"unit_amount":5},
       "quantity":1,"amount_subtotal":5,"amount_total":5}],"url":null,"has_more":null},
     "payment_intent":"pi_1580071150141046784","payment_method_types":null,
     "payment_status":"unpaid","success_url":"www.wooshpay.com","amount_subtotal":5,"amount_total":5,
     "billing_address_collection":"auto","expires_at":1665639691214}
    """
}
